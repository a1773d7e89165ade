package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.UploadOutcome;
import java.util.Set;

/**
 * {@code sync-event-handlers}: load and validate, fetch the server's event handlers once, plan,
 * then create the new ones and update the changed ones in place, each write confirmed from the
 * server's list. Handlers only the server has are left alone.
 */
public final class SyncEventHandlers {

  private SyncEventHandlers() {}

  /**
   * Plans and (unless a dry run) applies the sync of the handlers named in {@code names} (all when
   * empty). Throws when nothing can be planned from the files.
   */
  public static UploadOutcome run(
      ConductorClient client,
      LocalFiles files,
      Set<String> names,
      boolean force,
      boolean dryRun,
      IdflowLog log) {
    return SyncTasks.sync(
        Kind.EVENT_HANDLER,
        client,
        files,
        new SyncTasks.Options(names, force, dryRun, null, false),
        log);
  }
}
