package io.idflow.core;

import io.idflow.core.diff.Difference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How the local task definitions compare with the server's.
 *
 * @param onlyLocal names defined locally that the server lacks, sorted
 * @param onlyRemote names the server holds that no local file defines, sorted
 * @param both names on both sides, sorted, each with the paths where the server's copy differs (empty: the same)
 */
public record TaskSyncStatus(List<String> onlyLocal, List<String> onlyRemote, Map<String, List<Difference>> both) {

  public TaskSyncStatus {
    onlyLocal = List.copyOf(onlyLocal);
    onlyRemote = List.copyOf(onlyRemote);
    both = java.util.Collections.unmodifiableMap(new TreeMap<>(both));
  }

  public List<String> differing() {
    return both.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }

  /** Writes the status in the form of ID Flow's {@code tasks list --sync}. */
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
    section(log, "Tasks available both locally and remotely:", both.entrySet().stream()
        .map(e -> e.getKey() + (e.getValue().isEmpty() ? "" : " (differs: "
            + e.getValue().stream().map(Difference::path).collect(Collectors.joining(", ")) + ")"))
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
