package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How the local task definitions compare with the server's.
 *
 * @param onlyLocal names defined locally that the server lacks, sorted
 * @param onlyRemote names the server holds that no local file defines, sorted
 * @param both names on both sides, sorted, each with the paths where the server's copy differs
 *     (empty: the same)
 */
public record TaskListOutcome(
    List<String> onlyLocal, List<String> onlyRemote, Map<String, List<Difference>> both)
    implements Outcome {

  public TaskListOutcome {
    onlyLocal = List.copyOf(onlyLocal);
    onlyRemote = List.copyOf(onlyRemote);
    both = Collections.unmodifiableMap(new TreeMap<>(both));
  }

  /** The status read from a plan of every local task definition, and the server's task names. */
  public static TaskListOutcome of(Plan plan, List<String> remoteNames) {
    List<String> onlyLocal = new ArrayList<>();
    Map<String, List<Difference>> both = new TreeMap<>();
    for (PlanItem item : plan.of(Kind.TASK)) {
      if (item.action() == Action.CREATE) {
        onlyLocal.add(item.name());
      } else {
        both.put(item.name(), item.differences());
      }
    }
    List<String> onlyRemote =
        remoteNames.stream()
            .filter(n -> !onlyLocal.contains(n) && !both.containsKey(n))
            .sorted()
            .toList();
    return new TaskListOutcome(onlyLocal.stream().sorted().toList(), onlyRemote, both);
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

  public List<String> differing() {
    return both.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Writes the status in the form of ID Flow's {@code tasks list --sync}. */
  @Override
  public void render(IdflowLog log) {
    int local = onlyLocal.size() + both.size();
    int remote = onlyRemote.size() + both.size();
    log.info("Task Synchronization Status:");
    log.info("  Local tasks:  " + local);
    log.info("  Remote tasks: " + remote);
    log.info("  Common:       " + both.size());
    log.info("  Only local:   " + onlyLocal.size());
    log.info("  Only remote:  " + onlyRemote.size());
    log.info("  Differing:    " + differing().size());
    log.info("");
    section(log, "Tasks only available locally:", onlyLocal);
    log.info("");
    section(log, "Tasks only available remotely:", onlyRemote);
    log.info("");
    section(
        log,
        "Tasks available both locally and remotely:",
        both.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + (e.getValue().isEmpty()
                            ? ""
                            : " (differs: "
                                + e.getValue().stream()
                                    .map(Difference::path)
                                    .collect(Collectors.joining(", "))
                                + ")"))
            .toList());
  }

  private static void section(IdflowLog log, String title, List<String> lines) {
    log.info(title);
    if (lines.isEmpty()) {
      log.info("  (none)");
    }
    lines.forEach(l -> log.info("  - " + l));
  }
}
