package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.UploadOutcome;
import java.util.Set;

/**
 * {@code sync-schedules}: load and validate, fetch the server's schedules once, plan, have the
 * server parse every cron expression to write (nothing is written if one fails), then create or
 * replace each new or changed schedule, confirmed from the server's answer. A schedule's {@code
 * paused} state is the server's unless its file sets it. Schedules only the server has are left
 * alone.
 */
public final class SyncSchedules {

  private SyncSchedules() {}

  /** Plans and (unless a dry run) applies the sync of the schedules named in {@code names}. */
  public static UploadOutcome run(
      ConductorClient client,
      LocalFiles files,
      Set<String> names,
      boolean force,
      boolean dryRun,
      IdflowLog log) {
    return SyncTasks.sync(
        Kind.SCHEDULE,
        client,
        files,
        new SyncTasks.Options(names, force, dryRun, null, false),
        log);
  }
}
