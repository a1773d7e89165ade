package io.idflow.core.outcome;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
public record WorkflowListOutcome(
    Source source, List<Entry> local, Map<String, List<Integer>> remote) implements Outcome {

  public WorkflowListOutcome {
    local = List.copyOf(local);
    remote = Collections.unmodifiableMap(new TreeMap<>(remote));
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
        throw new IdflowException(
            "Unknown idflow.source '"
                + text
                + "': use one of "
                + Arrays.stream(values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
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

  /**
   * The listing read from a plan of every local workflow ({@code null} when only the server was
   * listed).
   */
  public static WorkflowListOutcome of(
      Source source, Plan plan, Map<String, ? extends Collection<Integer>> remote) {
    List<Entry> local = new ArrayList<>();
    if (plan != null) {
      for (PlanItem item : plan.of(Kind.WORKFLOW)) {
        Status status =
            source == Source.LOCAL
                ? null
                : switch (item.action()) {
                  case CREATE -> Status.MISSING;
                  case UNCHANGED -> Status.UP_TO_DATE;
                  default -> Status.DRIFTED;
                };
        local.add(
            new Entry(
                item.name(),
                item.local().version(),
                status,
                source == Source.LOCAL ? List.of() : item.differences()));
      }
    }
    Map<String, List<Integer>> versions = new TreeMap<>();
    remote.forEach((name, v) -> versions.put(name, List.copyOf(new TreeSet<>(v))));
    return new WorkflowListOutcome(source, local, versions);
  }

  /** A listing reports nothing per definition: it only shows. */
  @Override
  public List<RunReport.Entry> entries() {
    return List.of();
  }

  @Override
  public Optional<Failure> failure() {
    return Optional.empty();
  }

  /** Writes the listing in the form of ID Flow's {@code workflow list}. */
  @Override
  public void render(IdflowLog log) {
    if (source != Source.CONDUCTOR) {
      log.info("Local workflow files:");
      if (local.isEmpty()) {
        log.info("  (none)");
      }
      for (Entry e : local) {
        log.info(
            "  "
                + e.name()
                + " v"
                + e.version()
                + (e.status() == null
                    ? ""
                    : " - " + e.status().label() + changed(e.differences())));
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
      remote.forEach(
          (name, versions) ->
              log.info(
                  "  "
                      + name
                      + " ("
                      + versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "))
                      + ")"));
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
