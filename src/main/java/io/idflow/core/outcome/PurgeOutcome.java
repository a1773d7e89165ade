package io.idflow.core.outcome;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.apply.Purger;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DeletionScope;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.TaskUsages;
import io.idflow.core.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code purge-orphans}: its plan (what to delete, what to keep), where the backups
 * went, a result per deleted task definition or event handler, and the reason nothing was deleted,
 * if a guard stopped it.
 *
 * @param plan the deletions and the task definitions kept in use, with the scope they were planned
 *     with
 * @param dryRun whether nothing was deleted on purpose
 * @param maxDeletions the guard in force
 * @param purged where the backups went and what became of each deletion; null when nothing was
 *     attempted
 * @param guard why nothing was deleted (a guard), or null
 */
public record PurgeOutcome(
    Plan plan, boolean dryRun, int maxDeletions, Purger.Purged purged, IdflowException guard)
    implements Outcome {

  public List<PlanItem> candidates() {
    return plan.with(Action.DELETE);
  }

  public List<PlanItem> inUse() {
    return plan.with(Action.KEEP_IN_USE);
  }

  public DeletionScope deletions() {
    return plan.deletions().orElseThrow();
  }

  public List<Purger.Result> results() {
    return purged == null ? List.of() : purged.results();
  }

  /**
   * The folder holding the backups ({@code <backup>/tasks/<name>.json}), or null when none were
   * written.
   */
  public Path backup() {
    return purged == null ? null : purged.backup();
  }

  public long purgedCount() {
    return purged == null ? 0 : purged.deleted();
  }

  public long failedDeletes() {
    return purged == null ? 0 : purged.failures().size();
  }

  public boolean failed() {
    return guard != null || failedDeletes() > 0;
  }

  /** Every failed delete was the server's doing (down, 5xx) rather than a rejection. */
  public boolean serverUnavailable() {
    return guard == null && (purged == null || purged.serverUnavailable());
  }

  @Override
  public Optional<Failure> failure() {
    if (guard != null) {
      return Optional.of(Failure.user(guard.getMessage(), guard));
    }
    if (failedDeletes() == 0) {
      return Optional.empty();
    }
    String message = purged.failureMessage("purge", "orphaned " + noun() + "s");
    return Optional.of(
        serverUnavailable() ? Failure.server(message, null) : Failure.user(message, null));
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("taskScope", deletions().scope().describe());
    facts.put("backup", backup() == null ? null : backup().toString());
    return facts;
  }

  /**
   * One report entry per orphan: {@code purged}, {@code failed} (a failed test), {@code
   * would-purge} (dry run, or stopped by a guard) or {@code in-use} (kept, with its users).
   */
  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> out = new ArrayList<>();
    List<PlanItem> candidates = candidates();
    for (int i = 0; i < candidates.size(); i++) {
      PlanItem c = candidates.get(i);
      // The purger answers once per candidate, in their order.
      Purger.Result r = i < results().size() ? results().get(i) : null;
      String outcome = r == null ? "would-purge" : r.purged() ? "purged" : "failed";
      String detail = r == null || r.reason() == null ? c.reason() : c.reason() + "\n" + r.reason();
      out.add(
          new RunReport.Entry(
              c.id().kind().label(), c.name(), null, outcome, detail, r != null && !r.purged()));
    }
    for (PlanItem kept : inUse()) {
      out.add(
          new RunReport.Entry(
              "task",
              kept.name(),
              null,
              "in-use",
              String.join(
                  "\n", kept.usages().stream().map(u -> "used by " + u.describe()).toList()),
              false));
    }
    return out;
  }

  /** Writes the outcome as a user reads it, in the form of ID Flow's {@code tasks purge}. */
  @Override
  public void render(IdflowLog log) {
    DeletionScope scope = deletions();
    log.info(
        "Purge scope: "
            + scope.scope().describe()
            + "; "
            + plural(scope.inScope(), "task definition")
            + " of "
            + scope.remoteTasks()
            + " in Conductor "
            + (scope.inScope() == 1 ? "is" : "are")
            + " in scope");
    for (PlanItem kept : inUse()) {
      List<TaskUsages.Usage> uses = kept.usages();
      log.warn("Task '" + kept.name() + "' is in use by " + uses.get(0).describe() + " - skipped");
      if (uses.size() > 1) {
        log.warn(
            "    also used by: "
                + String.join(
                    ", ",
                    uses.subList(1, uses.size()).stream()
                        .map(TaskUsages.Usage::describe)
                        .toList()));
      }
    }
    for (TaskUsages.Usage use : scope.chosenAtRunTime()) {
      log.warn(
          "Task ref "
              + use.taskRef()
              + " ("
              + use.task()
              + ") of "
              + (use.local() != null ? "local " : "")
              + "workflow "
              + use.workflow()
              + " v"
              + use.version()
              + " picks the task it runs at run time: the usage check cannot see which");
    }
    if (!scope.usageChecked()) {
      log.warn(
          "Usage check skipped (force): task definitions are deleted even when workflows use them");
    }
    List<PlanItem> candidates = candidates();
    String noun = noun();
    if (candidates.isEmpty()) {
      log.info(
          "No orphaned tasks to purge"
              + (inUse().isEmpty()
                  ? ""
                  : " (" + plural(inUse().size(), "orphaned task") + " in use)"));
      return;
    }
    if (dryRun || guard != null) {
      log.info(
          "The following "
              + noun
              + "s "
              + (dryRun ? "will" : "would")
              + " be purged (not available locally):");
      candidates.forEach(c -> log.info("  - " + shown(c) + " (" + c.reason() + ")"));
      log.info("");
      if (guard != null) {
        return; // the failure says why: printing it here too would say it twice
      }
      log.info(
          "Dry run: nothing was deleted; " + plural(candidates.size(), noun) + " would be purged");
      if (plan.blockedByRunTimeChoices()) {
        log.warn(
            "Some workflows pick their tasks at run time and no idflow.purge.excludes are set: a"
                + " real run would stop before deleting anything");
      } else if (candidates.size() > maxDeletions) {
        log.warn(
            "That is more than idflow.purge.maxDeletions="
                + maxDeletions
                + ": a real run would stop before deleting anything");
      }
      return;
    }
    if (backup() != null) {
      log.info(
          "Backed up "
              + plural(candidates.size(), noun.equals("task") ? "task definition" : noun)
              + " to "
              + Texts.path(backup()));
      log.info(
          "  restore with: mvn idflow:"
              + (noun.equals("task") ? "sync-tasks" : "sync")
              + " -Didflow.directory="
              + Texts.path(backup()));
    }
    log.info("Purging " + plural(candidates.size(), "orphaned " + noun) + "...");
    List<Purger.Result> results = results();
    for (int i = 0; i < results.size(); i++) {
      Purger.Result r = results.get(i);
      String kind = candidates.get(i).id().kind().label();
      if (r.purged()) {
        log.info("✓ Purged " + kind + ": " + r.name());
      } else {
        log.error("✗ Failed to purge " + kind + ": " + r.name() + ": " + r.reason());
      }
    }
    log.info("");
    String summary =
        "Purge Summary: "
            + plural(purgedCount(), noun)
            + " purged successfully, "
            + failedDeletes()
            + " failed";
    if (failed()) {
      log.error(summary);
    } else {
      log.info(summary);
    }
  }

  /** {@code task} while only task definitions are to be purged, else {@code definition}. */
  private String noun() {
    return candidates().stream().allMatch(c -> c.id().kind() == Kind.TASK) ? "task" : "definition";
  }

  /** A task definition by its name (as ever), anything else with its kind. */
  private static String shown(PlanItem c) {
    return c.id().kind() == Kind.TASK ? c.name() : c.id().kind().label() + " " + c.name();
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
