package io.idflow.core.purge;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorException;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a purge: its plan, where the backups went, a result per deleted task definition,
 * and the reason the run failed, if it did.
 *
 * @param plan what was to be deleted and what was kept
 * @param dryRun whether nothing was deleted on purpose
 * @param maxDeletions the guard in force
 * @param backup the folder holding the backups ({@code <backup>/tasks/<name>.json}), or null when none were written
 * @param results one per candidate that a delete was attempted for (or skipped after the server went away), sorted by name
 * @param failure why nothing was deleted (the guard), or null
 */
public record PurgeReport(PurgePlan plan, boolean dryRun, int maxDeletions, Path backup, List<Result> results, RuntimeException failure) {

  public PurgeReport {
    results = List.copyOf(results);
  }

  /**
   * What happened to one candidate.
   *
   * @param name the task definition's name
   * @param purged whether the server deleted it
   * @param reason why it was not, or null
   * @param error the server's answer when it was not, or null
   */
  public record Result(String name, boolean purged, String reason, ConductorException error) {}

  public long purged() {
    return results.stream().filter(Result::purged).count();
  }

  public long failedDeletes() {
    return results.stream().filter(r -> !r.purged()).count();
  }

  public boolean failed() {
    return failure != null || failedDeletes() > 0;
  }

  /** Every failed delete was the server's doing (down, 5xx) rather than a rejection. */
  public boolean serverUnavailable() {
    return failure == null && results.stream().filter(r -> !r.purged()).allMatch(r -> r.error() == null || r.error().isUnavailable());
  }

  /** Writes the report as a user reads it, in the form of ID Flow's {@code tasks purge}. */
  public void render(IdflowLog log) {
    log.info("Purge scope: " + plan.scope().describe() + "; " + plural(plan.inScope(), "task definition") + " of "
        + plan.remoteTasks() + " in Conductor " + (plan.inScope() == 1 ? "is" : "are") + " in scope");
    for (PurgePlan.Kept kept : plan.inUse()) {
      List<TaskUsages.Usage> uses = kept.usages();
      log.warn("Task '" + kept.name() + "' is in use by " + uses.get(0).describe() + " - skipped");
      if (uses.size() > 1) {
        log.warn("    also used by: " + String.join(", ", uses.subList(1, uses.size()).stream().map(TaskUsages.Usage::describe).toList()));
      }
    }
    for (TaskUsages.Usage use : plan.chosenAtRunTime()) {
      log.warn("Task ref " + use.taskRef() + " (" + use.task() + ") of " + (use.local() != null ? "local " : "") + "workflow "
          + use.workflow() + " v" + use.version() + " picks the task it runs at run time: the usage check cannot see which");
    }
    if (!plan.usageChecked()) {
      log.warn("Usage check skipped (force): task definitions are deleted even when workflows use them");
    }
    List<PurgePlan.Candidate> candidates = plan.candidates();
    if (candidates.isEmpty()) {
      log.info("No orphaned tasks to purge" + (plan.inUse().isEmpty() ? "" : " (" + plural(plan.inUse().size(), "orphaned task") + " in use)"));
      return;
    }
    if (dryRun || failure != null) {
      log.info("The following tasks " + (dryRun ? "will" : "would") + " be purged (not available locally):");
      candidates.forEach(c -> log.info("  - " + c.name() + " (" + c.reason() + ")"));
      log.info("");
      if (failure != null) {
        return; // the caller fails with the reason: printing it here too would say it twice
      }
      log.info("Dry run: nothing was deleted; " + plural(candidates.size(), "task") + " would be purged");
      if (plan.blockedByRunTimeChoices()) {
        log.warn("Some workflows pick their tasks at run time and no idflow.purge.excludes are set: a real run would stop"
            + " before deleting anything");
      } else if (candidates.size() > maxDeletions) {
        log.warn("That is more than idflow.purge.maxDeletions=" + maxDeletions + ": a real run would stop before deleting anything");
      }
      return;
    }
    if (backup != null) {
      log.info("Backed up " + plural(candidates.size(), "task definition") + " to " + Texts.path(backup));
      log.info("  restore with: mvn idflow:sync-tasks -Didflow.directory=" + Texts.path(backup));
    }
    log.info("Purging " + plural(candidates.size(), "orphaned task") + "...");
    for (Result r : results) {
      if (r.purged()) {
        log.info("✓ Purged task: " + r.name());
      } else {
        log.error("✗ Failed to purge task: " + r.name() + ": " + r.reason());
      }
    }
    log.info("");
    String summary = "Purge Summary: " + plural(purged(), "task") + " purged successfully, " + failedDeletes() + " failed";
    if (failed()) {
      log.error(summary);
    } else {
      log.info(summary);
    }
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
