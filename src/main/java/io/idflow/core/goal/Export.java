package io.idflow.core.goal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import io.idflow.core.Texts;
import io.idflow.core.apply.DefinitionFiles;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import io.idflow.core.outcome.ExportOutcome;
import io.idflow.core.outcome.ExportOutcome.Action;
import io.idflow.core.outcome.ExportOutcome.Item;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.plan.Glob;
import io.idflow.core.remote.RemoteDefinitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code export}: the server's definitions written into the project's layout, one file each, as a
 * person would have written them ({@link ServerModel#strip}): right after an export, {@code diff}
 * plans nothing for them. A definition a local file defines is skipped, or with {@code force}
 * replaced in that file; no other file is ever written over.
 */
public final class Export {

  /** Which versions of each workflow to export. */
  public enum Versions {
    /** The newest version of each name. */
    LATEST,
    /** Every version. */
    ALL;

    /** {@code latest} or {@code all}, in any case. */
    public static Versions parse(String text) {
      for (Versions v : values()) {
        if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
          return v;
        }
      }
      throw new IdflowException("Unknown idflow.export.versions '" + text + "': use latest or all");
    }
  }

  /**
   * What to export and how.
   *
   * @param includes name globs to export; empty: every name
   * @param excludes name globs never exported
   * @param ownerEmail export only definitions of this owner; null: any owner
   * @param versions the newest version of each workflow, or all
   * @param force write over the local copy of a definition a local file defines
   * @param dryRun list what would be written, write nothing
   */
  public record Options(
      Set<String> includes,
      Set<String> excludes,
      String ownerEmail,
      Versions versions,
      boolean force,
      boolean dryRun) {

    public Options {
      includes = Set.copyOf(includes);
      excludes = Set.copyOf(excludes);
    }

    /** How the definitions are selected, as the report and an empty export say it. */
    String describe() {
      List<String> parts = new ArrayList<>();
      parts.add(versions == Versions.ALL ? "every workflow version" : "newest workflow versions");
      if (!includes.isEmpty()) {
        parts.add("includes " + String.join(",", new TreeSet<>(includes)));
      }
      if (!excludes.isEmpty()) {
        parts.add("excludes " + String.join(",", new TreeSet<>(excludes)));
      }
      if (ownerEmail != null && !ownerEmail.isBlank()) {
        parts.add("ownerEmail " + ownerEmail);
      }
      return String.join(", ", parts);
    }
  }

  private Export() {}

  /**
   * Plans and (unless a dry run) writes the export. Throws, having written nothing, when the local
   * files cannot all be read (then nobody can tell what they define) or the server cannot be
   * listed.
   */
  public static ExportOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    Path directory = files.directory();
    LocalDefinitions local = DefinitionLoader.load(files);
    if (local.hasErrors()) {
      throw new IdflowException(
          "Nothing was exported: the local files cannot all be read, so which definitions they"
              + " define is not known. Fix them first:"
              + local.errors().stream()
                  .map(Problem::toString)
                  .map(p -> System.lineSeparator() + "  " + p)
                  .collect(Collectors.joining()));
    }
    RemoteDefinitions remote =
        NothingDone.beforeAnyWrite(
            "Nothing was exported",
            () -> RemoteDefinitions.fetch(client, Kind.WORKFLOW, Kind.TASK));
    Map<DefinitionId, LocalDefinition> defined = new HashMap<>();
    local.workflows().forEach(d -> defined.put(d.id(), d));
    local.tasks().forEach(d -> defined.put(d.id(), d));
    Path base = directory.toAbsolutePath().normalize().getParent();

    List<Item> items = new ArrayList<>();
    Map<Item, ObjectNode> content = new HashMap<>();
    for (Kind kind : List.of(Kind.WORKFLOW, Kind.TASK)) {
      List<ObjectNode> selected = select(remote.all(kind), kind, options);
      Map<String, Long> versionsOf =
          selected.stream()
              .collect(Collectors.groupingBy(d -> d.path("name").asText(), Collectors.counting()));
      Path folder = directory.resolve(kind.folder());
      Set<String> taken = new HashSet<>();
      for (ObjectNode def : selected) {
        DefinitionId id = DefinitionId.of(kind, def);
        LocalDefinition mine = defined.get(id);
        Item item;
        boolean templated = mine != null && usesPlaceholders(base.resolve(mine.file()), files);
        if (mine != null && (!options.force() || templated)) {
          item =
              new Item(
                  id,
                  Action.SKIP,
                  base.resolve(mine.file()),
                  "defined in "
                      + mine.location()
                      + (templated
                          ? ", which uses placeholders ("
                              + files.placeholders().syntax()
                              + "): the server's copy would replace them with values; edit it by"
                              + " hand"
                          : " (-Didflow.force=true replaces it with the server's)"));
        } else if (mine != null) {
          item = new Item(id, Action.REPLACE, base.resolve(mine.file()), null);
        } else {
          String name = id.name();
          boolean alone = versionsOf.get(name) == 1;
          String stem =
              kind == Kind.TASK || alone && free(folder, name, taken)
                  ? name
                  : name + ".v" + id.version();
          item = new Item(id, Action.WRITE, DefinitionFiles.freeFile(folder, stem, taken), null);
        }
        items.add(item);
        // A prefix in the server's text is written escaped, so that reading the file gives it back.
        content.put(
            item,
            (ObjectNode) files.placeholders().escape(ServerModel.conductorOss().strip(kind, def)));
      }
    }
    if (!options.dryRun()) {
      write(items, content, defined);
    }
    return new ExportOutcome(items, options.dryRun(), options.describe());
  }

  /** The server's definitions of {@code kind} that the options select, by name and version. */
  private static List<ObjectNode> select(List<ObjectNode> all, Kind kind, Options options) {
    List<Glob> includes = options.includes().stream().map(Glob::of).toList();
    List<Glob> excludes = options.excludes().stream().map(Glob::of).toList();
    String owner = options.ownerEmail();
    List<ObjectNode> selected =
        all.stream()
            .filter(
                d -> {
                  String name = d.path("name").asText();
                  return (includes.isEmpty() || includes.stream().anyMatch(g -> g.matches(name)))
                      && excludes.stream().noneMatch(g -> g.matches(name))
                      && (owner == null
                          || owner.isBlank()
                          || owner.equalsIgnoreCase(d.path("ownerEmail").asText("")));
                })
            .sorted(
                Comparator.comparing((ObjectNode d) -> d.path("name").asText())
                    .thenComparing(d -> d.path("version").asInt(1)))
            .toList();
    if (kind == Kind.WORKFLOW && options.versions() == Versions.LATEST) {
      Map<String, ObjectNode> newest =
          selected.stream()
              .collect(
                  Collectors.toMap(
                      d -> d.path("name").asText(),
                      Function.identity(),
                      (a, b) -> b,
                      LinkedHashMap::new));
      return List.copyOf(newest.values());
    }
    return selected;
  }

  /** Whether {@code file} holds a placeholder's prefix, escaped or not. */
  private static boolean usesPlaceholders(Path file, LocalFiles files) {
    try {
      return Files.readString(file).contains(files.placeholders().prefix());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + Texts.path(file) + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code <name>.json} is free in {@code folder}: no file holds it, none is planned. */
  private static boolean free(Path folder, String name, Set<String> taken) {
    String file = name + ".json";
    return !Files.exists(folder.resolve(file)) && !taken.contains(file.toLowerCase(Locale.ROOT));
  }

  private static void write(
      List<Item> items, Map<Item, ObjectNode> content, Map<DefinitionId, LocalDefinition> defined) {
    List<String> written = new ArrayList<>();
    for (Item item : items) {
      try {
        if (item.action() == Action.WRITE) {
          DefinitionFiles.writeNew(item.file(), content.get(item));
        } else if (item.action() == Action.REPLACE) {
          replace(item.file(), defined.get(item.id()).index(), content.get(item));
        } else {
          continue;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot write "
                + Texts.path(item.file())
                + ": "
                + e.getMessage()
                + (written.isEmpty()
                    ? "; nothing was written"
                    : "; written before it: " + String.join(", ", written)),
            e);
      }
      written.add(Texts.path(item.file()));
    }
  }

  /**
   * Writes {@code definition} over the local one in {@code file}: the whole file when it holds one
   * definition, the element {@code index} of its array otherwise.
   */
  private static void replace(Path file, int index, ObjectNode definition) throws IOException {
    JsonNode text = definition;
    if (index >= 0) {
      ArrayNode array = (ArrayNode) Json.mapper().readTree(file.toFile());
      array.set(index, definition);
      text = array;
    }
    Files.writeString(file, Json.fileText(text));
  }
}
