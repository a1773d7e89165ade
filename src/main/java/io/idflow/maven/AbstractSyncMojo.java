package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.local.Definitions;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that syncs one kind of definition without versions (task definitions, event handlers,
 * schedules): the new ones are created, the changed ones updated in place, nothing is deleted.
 */
abstract class AbstractSyncMojo extends AbstractValidatingMojo {

  /** Writes every selected definition, even those the server already holds unchanged. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Shows what would be created and updated, and writes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * Syncs the definitions of {@code kind} named in {@code names} (a comma list; all when empty),
   * reported under {@code parameter}.
   */
  protected Outcome sync(Kind kind, String parameter, String names, IdflowLog log) {
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked(parameter, names)
        .checked("force", force)
        .checked("dryRun", dryRun);
    try (ConductorClient client = client()) {
      return SyncTasks.sync(
          kind,
          client,
          localFiles(directory),
          new SyncTasks.Options(
              Definitions.names(names), force, dryRun, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
