package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.SyncOutcome;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code sync}: every kind in the order they depend on each other, from one load and validation:
 * task definitions, then the workflows that use them, then the event handlers and schedules that
 * start those. A kind that fails stops the kinds after it, so nothing refers to what did not
 * arrive.
 */
public final class Sync {

  /** The kinds in the order they are synced. */
  public static final List<Kind> ORDER =
      List.of(Kind.TASK, Kind.WORKFLOW, Kind.EVENT_HANDLER, Kind.SCHEDULE);

  /**
   * How to sync.
   *
   * @param dryRun plan and report, write nothing
   * @param onDrift what to do with a workflow version the server holds with other content
   * @param ownerEmail set on workflows and task definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(
      boolean dryRun, DriftPolicy onDrift, String ownerEmail, boolean ownerEmailMandatory) {}

  private Sync() {}

  /**
   * Loads and validates once, then syncs each kind the files define; throws, having written
   * nothing, when the files are invalid.
   */
  public static SyncOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    // Every listing before any write: a server that cannot list a kind (no scheduler, say) stops
    // the
    // sync with nothing written, never half-way.
    Kind[] present = ORDER.stream().filter(k -> !defs.of(k).isEmpty()).toArray(Kind[]::new);
    RemoteDefinitions remote =
        NothingDone.beforeAnyWrite(
            "Nothing was synced",
            () -> RemoteDefinitions.fetch(client, defs.ids(Kind.WORKFLOW), present));
    List<UploadOutcome> done = new ArrayList<>();
    List<Kind> stopped = new ArrayList<>();
    for (Kind kind : ORDER) {
      if (defs.of(kind).isEmpty()) {
        continue;
      }
      if (done.stream().anyMatch(o -> o.failure().isPresent())) {
        stopped.add(kind);
        continue;
      }
      done.add(
          kind == Kind.WORKFLOW
              ? UploadWorkflows.upload(
                  client,
                  defs,
                  remote,
                  new UploadWorkflows.Options(
                      Set.of(),
                      false,
                      options.dryRun(),
                      options.onDrift(),
                      options.ownerEmail(),
                      options.ownerEmailMandatory()),
                  log)
              : SyncTasks.sync(
                  kind,
                  client,
                  defs,
                  remote,
                  new SyncTasks.Options(
                      Set.of(),
                      false,
                      options.dryRun(),
                      options.ownerEmail(),
                      options.ownerEmailMandatory()),
                  log));
    }
    return new SyncOutcome(done, stopped);
  }
}
