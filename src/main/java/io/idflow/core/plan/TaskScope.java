package io.idflow.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Definitions;
import io.idflow.core.IdflowException;
import io.idflow.core.local.LocalDefinition;
import io.idflow.core.local.LocalDefinitions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which remote task definitions belong to this project: a shared Conductor holds the task defs of
 * many teams, and one that is merely absent from this repository is not ours. In scope are the task
 * defs owned by {@link #ownerEmail} and those whose name matches an include glob, minus those whose
 * name matches an exclude glob. Globs know {@code *} and {@code ?}.
 *
 * @param ownerEmail the owner whose task defs are ours, or null when only {@code includes} count
 * @param includes name globs added to the scope whatever their owner
 * @param excludes name globs taken out of the scope
 */
public record TaskScope(String ownerEmail, List<String> includes, List<String> excludes) {

  public TaskScope {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /**
   * The scope of a project: the owner is {@code ownerEmail} when set, else the one {@code ownerEmail}
   * that all local task defs share. Empty when neither an owner nor an include can be found; {@link
   * #undetermined} then says why and how to set one.
   *
   * @param includes comma list of name globs ({@code idflow.purge.includes}), or null
   * @param excludes comma list of name globs ({@code idflow.purge.excludes}), or null
   */
  public static Optional<TaskScope> resolve(LocalDefinitions defs, String ownerEmail, String includes, String excludes) {
    String owner = ownerEmail != null && !ownerEmail.isBlank() ? ownerEmail.trim() : sharedOwner(defs).orElse(null);
    List<String> in = List.copyOf(Definitions.names(includes));
    if (owner == null && in.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TaskScope(owner, in, List.copyOf(Definitions.names(excludes))));
  }

  /** {@link #resolve}, or an {@link IdflowException} that says why there is no scope and how to set one. */
  public static TaskScope require(LocalDefinitions defs, String ownerEmail, String includes, String excludes) {
    return resolve(defs, ownerEmail, includes, excludes)
        .orElseThrow(() -> new IdflowException(undetermined(defs)));
  }

  /** Why no scope could be determined from {@code defs}, and the parameters that set one. */
  public static String undetermined(LocalDefinitions defs) {
    Set<String> owners = owners(defs);
    String why = defs.tasks().isEmpty() ? "there are no local task definitions"
        : owners.isEmpty() ? "no local task definition has an ownerEmail"
        : defs.tasks().stream().anyMatch(t -> owner(t) == null) ? "some local task definitions have no ownerEmail"
        : "local task definitions have several owners (" + String.join(", ", owners) + ")";
    return "Cannot tell which task definitions in Conductor belong to this project: " + why
        + ". Set -Didflow.ownerEmail=<owner> or name them with -Didflow.purge.includes=<glob,...>";
  }

  private static Optional<String> sharedOwner(LocalDefinitions defs) {
    if (defs.tasks().isEmpty() || defs.tasks().stream().anyMatch(t -> owner(t) == null)) {
      return Optional.empty();
    }
    Set<String> owners = owners(defs);
    return owners.size() == 1 ? Optional.of(owners.iterator().next()) : Optional.empty();
  }

  private static Set<String> owners(LocalDefinitions defs) {
    return defs.tasks().stream().map(TaskScope::owner).filter(o -> o != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String owner(LocalDefinition task) {
    String owner = task.json().path("ownerEmail").asText("");
    return owner.isBlank() ? null : owner;
  }

  /** Whether the remote task def {@code taskDef} belongs to this project. */
  public boolean contains(JsonNode taskDef) {
    String name = taskDef.path("name").asText("");
    if (matches(excludes, name)) {
      return false;
    }
    return (ownerEmail != null && ownerEmail.equals(taskDef.path("ownerEmail").asText(null))) || matches(includes, name);
  }

  /** {@code ownerEmail team@example.com, plus names matching a*, minus names matching b*}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (ownerEmail != null) {
      text.append("ownerEmail ").append(ownerEmail);
    }
    if (!includes.isEmpty()) {
      text.append(text.length() > 0 ? ", plus " : "").append("names matching ").append(String.join(", ", includes));
    }
    if (!excludes.isEmpty()) {
      text.append(", minus names matching ").append(String.join(", ", excludes));
    }
    return text.toString();
  }

  private static boolean matches(List<String> globs, String name) {
    return globs.stream().anyMatch(g -> glob(g).matcher(name).matches());
  }

  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
