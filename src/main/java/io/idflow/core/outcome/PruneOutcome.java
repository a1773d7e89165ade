package io.idflow.core.outcome;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.apply.Purger;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DeletionScope;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code prune-workflows}: its plan (the versions to delete, the versions kept and
 * why), the versions kept because executions still run on them, where the backups went, a result
 * per deleted version, and the reason nothing was deleted, if a guard stopped it.
 *
 * @param plan the versions to delete and those kept, with the scope they were planned with
 * @param running the planned deletions that still have running or paused executions, with their
 *     ids: kept
 * @param dryRun whether nothing was deleted on purpose
 * @param maxDeletions the guard in force
 * @param purged where the backups went and what became of each deletion; null when nothing was
 *     attempted
 * @param guard why nothing was deleted (a guard), or null
 */
public record PruneOutcome(
    Plan plan,
    Map<DefinitionId, List<String>> running,
    boolean dryRun,
    int maxDeletions,
    Purger.Purged purged,
    IdflowException guard)
    implements Outcome {

  public PruneOutcome {
    running = Map.copyOf(running);
  }

  /** The versions to delete: planned, and no execution runs on them. */
  public List<PlanItem> candidates() {
    return plan.with(Action.DELETE).stream().filter(i -> !running.containsKey(i.id())).toList();
  }

  /** Every version kept, each with why: the plan's, then those with executions still running. */
  public Map<DefinitionId, String> kept() {
    Map<DefinitionId, String> kept = new LinkedHashMap<>();
    plan.with(Action.KEEP_IN_USE).forEach(i -> kept.put(i.id(), i.reason()));
    plan.with(Action.DELETE).stream()
        .filter(i -> running.containsKey(i.id()))
        .forEach(
            i -> {
              List<String> ids = running.get(i.id());
              kept.put(
                  i.id(),
                  ids.size()
                      + " execution"
                      + (ids.size() == 1 ? "" : "s")
                      + " running or paused ("
                      + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                      + (ids.size() > 3 ? ", ..." : "")
                      + ")");
            });
    return kept;
  }

  public DeletionScope deletions() {
    return plan.deletions().orElseThrow();
  }

  public List<Purger.Result> results() {
    return purged == null ? List.of() : purged.results();
  }

  /**
   * The folder holding the backups ({@code <backup>/workflows/...}), or null when none were
   * written.
   */
  public Path backup() {
    return purged == null ? null : purged.backup();
  }

  public long prunedCount() {
    return purged == null ? 0 : purged.deleted();
  }

  public long failedDeletes() {
    return purged == null ? 0 : purged.failures().size();
  }

  @Override
  public Optional<Failure> failure() {
    if (guard != null) {
      return Optional.of(Failure.user(guard.getMessage(), guard));
    }
    if (failedDeletes() == 0) {
      return Optional.empty();
    }
    String message = purged.failureMessage("prune", "workflow versions");
    return Optional.of(
        purged.serverUnavailable() ? Failure.server(message, null) : Failure.user(message, null));
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("workflowScope", deletions().scope().describe());
    facts.put("backup", backup() == null ? null : backup().toString());
    return facts;
  }

  /**
   * One report entry per version considered: {@code pruned}, {@code failed} (a failed test), {@code
   * would-prune} (dry run, or stopped by a guard) or {@code kept} (with why).
   */
  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> out = new ArrayList<>();
    Map<String, Purger.Result> results = new HashMap<>();
    results().forEach(r -> results.put(r.name(), r));
    for (PlanItem c : candidates()) {
      Purger.Result r = results.get(c.id().toString());
      String outcome = r == null ? "would-prune" : r.purged() ? "pruned" : "failed";
      String detail = r == null || r.reason() == null ? c.reason() : c.reason() + "\n" + r.reason();
      out.add(
          new RunReport.Entry(
              "workflow", c.name(), c.id().version(), outcome, detail, r != null && !r.purged()));
    }
    kept()
        .forEach(
            (id, why) ->
                out.add(
                    new RunReport.Entry("workflow", id.name(), id.version(), "kept", why, false)));
    return out;
  }

  @Override
  public void render(IdflowLog log) {
    DeletionScope scope = deletions();
    log.info(
        "Prune scope: "
            + scope.scope().describe()
            + "; "
            + plural(scope.inScope(), "workflow version")
            + " of "
            + scope.remoteTasks()
            + " in Conductor "
            + (scope.inScope() == 1 ? "is" : "are")
            + " in scope");
    kept().forEach((id, why) -> log.info("Kept workflow " + id + ": " + why));
    for (var use : scope.chosenAtRunTime()) {
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
              + " starts a workflow named at run time: the reference check cannot see which");
    }
    List<PlanItem> candidates = candidates();
    if (candidates.isEmpty()) {
      log.info("No workflow versions to prune");
      return;
    }
    if (dryRun || guard != null) {
      log.info(
          "The following workflow versions "
              + (dryRun ? "will" : "would")
              + " be pruned (not defined locally):");
      candidates.forEach(c -> log.info("  - " + c.id() + " (" + c.reason() + ")"));
      log.info("");
      if (guard != null) {
        return; // the failure says why
      }
      log.info(
          "Dry run: nothing was deleted; "
              + plural(candidates.size(), "workflow version")
              + " would be pruned");
      if (plan.blockedByRunTimeChoices()) {
        log.warn(
            "Some workflows start workflows named at run time and no idflow.prune.excludes are set:"
                + " a real run would stop before deleting anything");
      } else if (candidates.size() > maxDeletions) {
        log.warn(
            "That is more than idflow.prune.maxDeletions="
                + maxDeletions
                + ": a real run would stop before deleting anything");
      }
      return;
    }
    log.info(
        "Backed up "
            + plural(candidates.size(), "workflow version")
            + " to "
            + Texts.path(backup()));
    log.info(
        "  restore with: mvn idflow:upload-workflows -Didflow.directory=" + Texts.path(backup()));
    log.info("Pruning " + plural(candidates.size(), "workflow version") + "...");
    for (Purger.Result r : results()) {
      if (r.purged()) {
        log.info("✓ Pruned workflow: " + r.name());
      } else {
        log.error("✗ Failed to prune workflow: " + r.name() + ": " + r.reason());
      }
    }
    log.info("");
    String summary =
        "Prune Summary: "
            + plural(prunedCount(), "workflow version")
            + " pruned successfully, "
            + failedDeletes()
            + " failed";
    if (failedDeletes() > 0) {
      log.error(summary);
    } else {
      log.info(summary);
    }
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
