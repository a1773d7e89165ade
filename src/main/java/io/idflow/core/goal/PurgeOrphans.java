package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.apply.Purger;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.PurgeOutcome;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.Planner;
import io.idflow.core.plan.PurgeScope;
import io.idflow.core.remote.RemoteDefinitions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code purge-orphans}: deletes the remote task definitions that belong to this project (the
 * scope), are not defined locally and that no workflow uses, and the event handlers in scope by
 * name that no local file defines, after writing each to a backup. The plan is the one {@code diff}
 * shows. A dry run, an empty plan and the guards stop before anything is written or deleted.
 */
public final class PurgeOrphans {

  /**
   * What to purge and how.
   *
   * @param force skip the usage check (never the scope)
   * @param dryRun list what would be purged, delete nothing
   * @param includes name globs in scope whatever their owner
   * @param excludes name globs never in scope
   * @param maxDeletions more candidates than this fails the run before anything is deleted
   * @param backupRoot the folder below which each run's backups go, in a folder named by the time
   * @param ownerEmail the owner whose task definitions are in scope; null: the one all local task
   *     definitions share
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   * @param eventHandlers name globs of the server's event handlers in scope (handlers have no
   *     owner); none: no handler is purged
   */
  public record Options(
      boolean force,
      boolean dryRun,
      Set<String> includes,
      Set<String> excludes,
      int maxDeletions,
      Path backupRoot,
      String ownerEmail,
      boolean ownerEmailMandatory,
      Set<String> eventHandlers) {

    /** Task definitions only. */
    public Options(
        boolean force,
        boolean dryRun,
        Set<String> includes,
        Set<String> excludes,
        int maxDeletions,
        Path backupRoot,
        String ownerEmail,
        boolean ownerEmailMandatory) {
      this(
          force,
          dryRun,
          includes,
          excludes,
          maxDeletions,
          backupRoot,
          ownerEmail,
          ownerEmailMandatory,
          Set.of());
    }

    public Options {
      includes = Set.copyOf(includes);
      excludes = Set.copyOf(excludes);
      eventHandlers = Set.copyOf(eventHandlers);
      if (maxDeletions < 0) {
        throw new IdflowException(
            "idflow.purge.maxDeletions must be 0 or more, found " + maxDeletions);
      }
    }
  }

  private PurgeOrphans() {}

  /** {@code plan} with the event handler deletions after its own items. */
  static Plan withEventHandlers(Plan plan, List<PlanItem> handlers) {
    if (handlers.isEmpty()) {
      return plan;
    }
    List<PlanItem> items = new ArrayList<>(plan.items());
    items.addAll(handlers);
    return new Plan(items, plan.deletions());
  }

  /**
   * Plans and (unless a dry run or a guard) applies the purge. Throws when nothing can be planned
   * (invalid files, no scope, a server that cannot be listed): then nothing was deleted.
   */
  public static PurgeOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log, Clock clock) {
    // Validated, not merely read: a task file that fails to load must never make its task look
    // orphaned.
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    PurgeScope scope =
        PurgeScope.resolve(
            options.ownerEmail(), defs.tasks(), options.includes(), options.excludes());
    // The task definitions first: they are what the purge acts on. The workflows only for the usage
    // check.
    List<Kind> kinds = new ArrayList<>(List.of(Kind.TASK));
    if (!options.force()) {
      kinds.add(Kind.WORKFLOW);
    }
    if (!options.eventHandlers().isEmpty()) {
      kinds.add(Kind.EVENT_HANDLER);
    }
    RemoteDefinitions remote =
        NothingDone.beforeAnyWrite(
            "Nothing was deleted",
            () -> RemoteDefinitions.fetch(client, kinds.toArray(Kind[]::new)));
    Plan plan =
        withEventHandlers(
            Planner.plan(
                defs,
                remote,
                new Planner.Options(List.of(), false, DriftPolicy.WARN, scope, !options.force())),
            Planner.eventHandlerDeletions(
                defs, remote, options.eventHandlers(), options.excludes()));
    List<PlanItem> candidates = plan.with(Action.DELETE);
    int count = candidates.size();
    if (count == 0 || options.dryRun()) {
      return new PurgeOutcome(plan, options.dryRun(), options.maxDeletions(), null, null);
    }
    if (plan.blockedByRunTimeChoices()) {
      List<String> workflows = DeletionGuards.choosers(plan.deletions().orElseThrow());
      return new PurgeOutcome(
          plan,
          false,
          options.maxDeletions(),
          null,
          new IdflowException(
              count
                  + " task definition"
                  + (count == 1 ? "" : "s")
                  + " would be purged, but the usage check cannot see which tasks "
                  + String.join(", ", workflows)
                  + " pick"
                  + (plan.deletions().get().chosenAtRunTime().size() == 1 ? "s" : "")
                  + " at run time; nothing was deleted. Keep the task definitions those workflows"
                  + " may run with -Didflow.purge.excludes=<glob,...>, or delete regardless with"
                  + " -Didflow.force=true"));
    }
    if (count > options.maxDeletions()) {
      return new PurgeOutcome(
          plan,
          false,
          options.maxDeletions(),
          null,
          DeletionGuards.tooMany(
              count,
              options.maxDeletions(),
              candidates.stream().allMatch(c -> c.id().kind() == Kind.TASK)
                  ? "task definitions"
                  : "definitions",
              "purged",
              "purge"));
    }
    return new PurgeOutcome(
        plan,
        false,
        options.maxDeletions(),
        Purger.purge(client, candidates, options.backupRoot(), clock),
        null);
  }
}
