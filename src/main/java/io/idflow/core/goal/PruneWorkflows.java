package io.idflow.core.goal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.apply.Purger;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.PruneOutcome;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.Planner;
import io.idflow.core.plan.PurgeScope;
import io.idflow.core.remote.RemoteDefinitions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code prune-workflows}: deletes the remote workflow versions that belong to this project (the
 * scope, as for {@code purge-orphans}), that no local file defines, and that nothing needs: not one
 * of the newest versions of its name, not pinned or taken as the latest by any workflow's
 * reference, and with no execution running or paused. Each one is backed up first.
 */
public final class PruneWorkflows {

  /** Versions of each name kept by default: the newest, and the one before it to roll back to. */
  public static final int DEFAULT_KEEP = 2;

  /** Statuses of an execution that has not ended. */
  private static final Set<String> NOT_ENDED = Set.of("RUNNING", "PAUSED");

  /**
   * What to prune and how.
   *
   * @param workflow only this name; null: every name in scope
   * @param version only this version of {@code workflow}; null: every version
   * @param keep how many of the newest versions of each name to keep
   * @param dryRun list what would be pruned, delete nothing
   * @param includes name globs in scope whatever their owner
   * @param excludes name globs never in scope
   * @param maxDeletions more candidates than this fails the run before anything is deleted
   * @param backupRoot the folder below which each run's backups go, in a folder named by the time
   * @param ownerEmail the owner whose workflows are in scope; null: the one all local workflows
   *     share
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(
      String workflow,
      Integer version,
      int keep,
      boolean dryRun,
      Set<String> includes,
      Set<String> excludes,
      int maxDeletions,
      Path backupRoot,
      String ownerEmail,
      boolean ownerEmailMandatory) {

    public Options {
      includes = Set.copyOf(includes);
      excludes = Set.copyOf(excludes);
      if (keep < 0) {
        throw new IdflowException("idflow.prune.keep must be 0 or more, found " + keep);
      }
      if (maxDeletions < 0) {
        throw new IdflowException(
            "idflow.prune.maxDeletions must be 0 or more, found " + maxDeletions);
      }
      if (version != null && (workflow == null || workflow.isBlank())) {
        throw new IdflowException(
            "idflow.version="
                + version
                + " needs the workflow it is a version of: -Didflow.workflow=<name>");
      }
    }
  }

  private PruneWorkflows() {}

  /**
   * Plans, checks for running executions and (unless a dry run or a guard) prunes. Throws when
   * nothing can be planned (invalid files, no scope, an unknown workflow, a server that cannot be
   * listed): then nothing was deleted.
   */
  public static PruneOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log, Clock clock) {
    // Validated, not merely read: a workflow file that fails to load must never make its versions
    // look orphaned.
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    PurgeScope scope =
        PurgeScope.resolve(
            Kind.WORKFLOW,
            options.ownerEmail(),
            defs.workflows(),
            options.includes(),
            options.excludes());
    RemoteDefinitions remote =
        NothingDone.beforeAnyWrite(
            "Nothing was deleted",
            () -> RemoteDefinitions.fetch(client, Kind.WORKFLOW, Kind.EVENT_HANDLER));
    if (options.workflow() != null) {
      requireOnServer(remote, options.workflow(), options.version());
    }
    Plan plan =
        Planner.prune(
            defs,
            remote,
            new Planner.Pruning(scope, options.keep(), options.workflow(), options.version()));
    Map<DefinitionId, List<String>> running;
    try {
      running = running(client, plan.with(Action.DELETE));
    } catch (ConductorException e) {
      return new PruneOutcome(
          plan,
          Map.of(),
          options.dryRun(),
          options.maxDeletions(),
          null,
          new IdflowException(
              "Cannot tell which workflow versions still have running or paused executions ("
                  + e.getMessage()
                  + "); nothing was deleted",
              e));
    }
    PruneOutcome checked =
        new PruneOutcome(plan, running, options.dryRun(), options.maxDeletions(), null, null);
    List<PlanItem> candidates = checked.candidates();
    int count = candidates.size();
    if (count == 0 || options.dryRun()) {
      return checked;
    }
    if (plan.blockedByRunTimeChoices()) {
      List<String> workflows = DeletionGuards.choosers(plan.deletions().orElseThrow());
      return guarded(
          checked,
          new IdflowException(
              count
                  + " workflow version"
                  + (count == 1 ? "" : "s")
                  + " would be pruned, but "
                  + String.join(", ", workflows)
                  + (workflows.size() == 1 ? " starts" : " start")
                  + " a workflow whose name is chosen at run time; nothing was deleted. Keep the"
                  + " workflows they may start with -Didflow.prune.excludes=<glob,...>"));
    }
    if (count > options.maxDeletions()) {
      return guarded(
          checked,
          DeletionGuards.tooMany(
              count, options.maxDeletions(), "workflow versions", "pruned", "prune"));
    }
    return new PruneOutcome(
        plan,
        running,
        false,
        options.maxDeletions(),
        Purger.purge(client, candidates, options.backupRoot(), clock),
        null);
  }

  private static PruneOutcome guarded(PruneOutcome checked, IdflowException why) {
    return new PruneOutcome(
        checked.plan(), checked.running(), false, checked.maxDeletions(), null, why);
  }

  private static void requireOnServer(RemoteDefinitions remote, String name, Integer version) {
    var versions = remote.workflowVersions().get(name);
    if (versions == null || version != null && !versions.contains(version)) {
      throw new IdflowException(
          "Workflow "
              + name
              + (version == null ? "" : " v" + version)
              + " is not in Conductor"
              + (versions == null ? "" : " (versions: " + versions + ")")
              + "; nothing was deleted");
    }
  }

  /**
   * The executions that have not ended of each candidate version, asked version by version from the
   * server's execution store. Some stores answer with every version's executions: each execution is
   * read once to learn its version and status.
   */
  private static Map<DefinitionId, List<String>> running(
      ConductorClient client, List<PlanItem> candidates) {
    Map<String, Optional<ObjectNode>> executions = new HashMap<>();
    Map<DefinitionId, List<String>> running = new LinkedHashMap<>();
    for (PlanItem c : candidates) {
      List<String> ids = new ArrayList<>();
      for (String id : client.runningWorkflowIds(c.name(), c.id().version())) {
        Optional<ObjectNode> execution = executions.computeIfAbsent(id, client::getWorkflowStatus);
        if (execution.isPresent() && runsOn(execution.get(), c.id())) {
          ids.add(id);
        }
      }
      if (!ids.isEmpty()) {
        running.put(c.id(), ids);
      }
    }
    return running;
  }

  /**
   * Whether {@code execution} has not ended and runs {@code version}. An execution that does not
   * say its version counts for every version.
   */
  private static boolean runsOn(ObjectNode execution, DefinitionId version) {
    if (!NOT_ENDED.contains(execution.path("status").asText())) {
      return false;
    }
    var v = execution.path("workflowVersion");
    if (!v.isIntegralNumber()) {
      v = execution.path("workflowDefinition").path("version");
    }
    return !v.isIntegralNumber() || v.intValue() == version.version();
  }
}
