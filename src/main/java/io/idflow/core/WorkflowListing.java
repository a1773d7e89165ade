package io.idflow.core;

import io.idflow.core.local.Definitions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The local workflow definitions, the server's, or both with each local one's status.
 *
 * @param source which side(s) were listed
 * @param local the local definitions by name and version; empty when only the server was listed
 * @param remote the server's versions by workflow name; empty when only local files were listed
 */
public record WorkflowListing(Source source, List<Entry> local, Map<String, List<Integer>> remote) {

  public WorkflowListing {
    local = List.copyOf(local);
    remote = java.util.Collections.unmodifiableMap(new TreeMap<>(remote));
  }

  /** What to list. */
  public enum Source {
    /** Local files with their status on the server, then the server's workflows. */
    ALL,
    /** Local files only; the server is not asked. */
    LOCAL,
    /** The server's workflows only; local files are not read. */
    CONDUCTOR;

    /** Parses {@code all}, {@code local} or {@code conductor}, in any case. */
    public static Source parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("Unknown idflow.source '" + text + "': use one of "
            + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
      }
    }
  }

  /** A local workflow's state on the server. */
  public enum Status {
    UP_TO_DATE("up to date"),
    MISSING("missing in Conductor"),
    DRIFTED("drifted");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One local workflow definition.
   *
   * @param name its name
   * @param version its version
   * @param status its state on the server, or null when the server was not asked
   * @param differences where the server's copy of the same version differs
   */
  public record Entry(String name, int version, Status status, List<Difference> differences) {

    public Entry {
      differences = List.copyOf(differences);
    }
  }

  /** Lists {@code source}: reads the local files unless only the server is wanted, asks the server once unless only local files are. */
  public static WorkflowListing load(ConductorClient client, Path directory, Source source, String ownerEmail, IdflowLog log) {
    List<ObjectNode> remoteDefs = source == Source.LOCAL ? List.of() : client.getWorkflowDefs();
    Map<String, List<Integer>> remote = new TreeMap<>();
    for (ObjectNode def : remoteDefs) {
      remote.computeIfAbsent(def.path("name").asText(), k -> new ArrayList<>()).add(def.path("version").asInt(1));
    }
    remote.replaceAll((name, versions) -> List.copyOf(new TreeSet<>(versions)));
    List<Entry> local = new ArrayList<>();
    if (source != Source.CONDUCTOR) {
      Map<String, ObjectNode> byId = Planner.index(Kind.WORKFLOW, remoteDefs);
      ServerModel model = ServerModel.conductorOss().learn(Kind.WORKFLOW, remoteDefs);
      for (LocalDefinition def : Definitions.loadReadable(directory, ownerEmail, log).workflows()) {
        if (source == Source.LOCAL) {
          local.add(new Entry(def.name(), def.version(), null, List.of()));
          continue;
        }
        ObjectNode theirs = byId.get(def.id());
        List<Difference> diffs = theirs == null ? List.of() : JsonDiff.definitions(model, Kind.WORKFLOW, theirs, def.json());
        Status status = theirs == null ? Status.MISSING : diffs.isEmpty() ? Status.UP_TO_DATE : Status.DRIFTED;
        local.add(new Entry(def.name(), def.version(), status, diffs));
      }
    }
    return new WorkflowListing(source, local, source == Source.LOCAL ? Map.of() : remote);
  }

  /** Writes the listing in the form of ID Flow's {@code workflow list}. */
  public void render(IdflowLog log) {
    if (source != Source.CONDUCTOR) {
      log.info("Local workflow files:");
      if (local.isEmpty()) {
        log.info("  (none)");
      }
      for (Entry e : local) {
        log.info("  " + e.name() + " v" + e.version() + (e.status() == null ? "" : " - " + e.status().label() + changed(e.differences())));
      }
    }
    if (source == Source.ALL) {
      log.info("");
    }
    if (source != Source.LOCAL) {
      log.info("Workflows in Conductor:");
      if (remote.isEmpty()) {
        log.info("  (none)");
      }
      remote.forEach((name, versions) -> log.info("  " + name + " ("
          + versions.stream().map(v -> "v" + v).collect(Collectors.joining(", ")) + ")"));
    }
  }

  private static String changed(List<Difference> differences) {
    if (differences.isEmpty()) {
      return "";
    }
    List<String> paths = differences.stream().map(Difference::path).toList();
    String shown = String.join(", ", paths.subList(0, Math.min(5, paths.size())));
    return " (" + shown + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : "") + ")";
  }
}
