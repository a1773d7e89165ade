package io.idflow.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which remote task definitions belong to this project, and so may be purged. A shared Conductor
 * holds the task definitions of many teams: one that is merely absent from this repository is not
 * ours to delete. A remote task definition is in scope when its {@code ownerEmail} is the scope's
 * owner or its name matches an include, and its name matches no exclude.
 *
 * @param ownerEmail the owner whose task definitions are in scope, or null
 * @param ownerSource where the owner came from, for messages
 * @param includes names in scope whatever their owner
 * @param excludes names never in scope
 */
public record PurgeScope(
    String ownerEmail, String ownerSource, List<Glob> includes, List<Glob> excludes) {

  public PurgeScope {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /**
   * The scope for a purge of task definitions: see {@link #resolve(Kind, String, List, Collection,
   * Collection)}.
   */
  public static PurgeScope resolve(
      String explicitOwner,
      List<LocalDefinition> localTasks,
      Collection<String> includes,
      Collection<String> excludes) {
    return resolve(Kind.TASK, explicitOwner, localTasks, includes, excludes);
  }

  /**
   * The scope for deleting definitions of {@code kind}: the owner is {@code explicitOwner} when
   * set, else the one {@code ownerEmail} that every local definition of that kind shares. Fails,
   * deleting nothing, when there is neither an owner nor an include.
   */
  public static PurgeScope resolve(
      Kind kind,
      String explicitOwner,
      List<LocalDefinition> local,
      Collection<String> includes,
      Collection<String> excludes) {
    List<Glob> in = includes.stream().map(Glob::of).toList();
    List<Glob> out = excludes.stream().map(Glob::of).toList();
    if (explicitOwner != null && !explicitOwner.isBlank()) {
      return new PurgeScope(explicitOwner.trim(), "idflow.ownerEmail", in, out);
    }
    String what = kind == Kind.TASK ? "task definition" : "workflow definition";
    TreeSet<String> owners = new TreeSet<>();
    boolean someWithout = false;
    for (LocalDefinition def : local) {
      String owner = def.json().path("ownerEmail").asText("");
      if (owner.isBlank()) {
        someWithout = true;
      } else {
        owners.add(owner);
      }
    }
    if (owners.size() == 1 && !someWithout) {
      return new PurgeScope(
          owners.first(),
          local.size() == 1
              ? "of the one local " + what
              : "shared by all " + local.size() + " local " + what + "s",
          in,
          out);
    }
    if (!in.isEmpty()) {
      return new PurgeScope(null, null, in, out);
    }
    String why;
    if (local.isEmpty()) {
      why = "there are no local " + what + "s to take an ownerEmail from";
    } else if (owners.isEmpty()) {
      why = "no local " + what + " has an ownerEmail";
    } else {
      why =
          "the local "
              + what
              + "s do not share one ownerEmail (found: "
              + String.join(", ", owners)
              + (someWithout ? " and none" : "")
              + ")";
    }
    throw new IdflowException(
        "Cannot tell which "
            + what
            + "s in Conductor belong to this project: "
            + why
            + ". Set the owner with -Didflow.ownerEmail=<email>, or name the "
            + (kind == Kind.TASK ? "tasks" : "workflows")
            + " with -Didflow."
            + (kind == Kind.TASK ? "purge" : "prune")
            + ".includes=<glob,...> (e.g. 'orders_*'); nothing was deleted");
  }

  /**
   * Why {@code remote} is in scope ({@code owner x}, {@code matches include y}), or empty when it
   * is not.
   */
  public Optional<String> reason(ObjectNode remote) {
    String name = remote.path("name").asText("");
    if (excludes.stream().anyMatch(g -> g.matches(name))) {
      return Optional.empty();
    }
    JsonNode owner = remote.get("ownerEmail");
    if (ownerEmail != null && owner != null && ownerEmail.equals(owner.asText())) {
      return Optional.of("owner " + ownerEmail);
    }
    return includes.stream()
        .filter(g -> g.matches(name))
        .findFirst()
        .map(g -> "matches include '" + g + "'");
  }

  /** One line for the log: {@code ownerEmail a@b (shared by ...), includes: x*, excludes: y*}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (ownerEmail != null) {
      text.append("ownerEmail ").append(ownerEmail).append(" (").append(ownerSource).append(')');
    }
    if (!includes.isEmpty()) {
      text.append(text.length() > 0 ? ", plus names matching " : "names matching ")
          .append(includes.stream().map(Glob::text).collect(Collectors.joining(", ")));
    }
    if (!excludes.isEmpty()) {
      text.append(", except names matching ")
          .append(excludes.stream().map(Glob::text).collect(Collectors.joining(", ")));
    }
    return text.toString();
  }
}
