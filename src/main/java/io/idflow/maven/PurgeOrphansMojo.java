package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.PurgeOrphans;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import java.time.Clock;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes Conductor's orphaned task definitions: those that belong to this project (by {@code
 * ownerEmail} and name globs), are no longer defined locally, and that no workflow uses, in any
 * version, at any depth. Each one is backed up first. Bound to no phase: it runs only when asked.
 */
@Mojo(name = "purge-orphans", threadSafe = true)
public class PurgeOrphansMojo extends AbstractValidatingMojo {

  /** Deletes orphans even when workflows use them: skips the usage check, never the scope. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Lists the task definitions that would be purged, and deletes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * Name globs ({@code *}, {@code ?}; comma list) of remote task definitions that are in scope
   * whatever their {@code ownerEmail}. Without an owner (none set, and the local task definitions
   * do not share one) they are the whole scope.
   */
  @Parameter(property = IdflowProperties.PURGE_INCLUDES)
  private String includes;

  /** Name globs ({@code *}, {@code ?}; comma list) of remote definitions never purged. */
  @Parameter(property = IdflowProperties.PURGE_EXCLUDES)
  private String excludes;

  /**
   * Name globs ({@code *}, {@code ?}; comma list) of the server's event handlers that belong to the
   * project: those no local file defines are purged with the task definitions, under the same
   * guards, and backed up to {@code <time>/events/<name>.json}. Handlers have no owner, so these
   * globs are their whole scope; without them no handler is ever deleted.
   */
  @Parameter(property = IdflowProperties.PURGE_EVENT_HANDLERS)
  private String eventHandlers;

  /** More task definitions to purge than this fails the goal before anything is deleted. */
  @Parameter(property = IdflowProperties.PURGE_MAX_DELETIONS, defaultValue = "10")
  private int maxDeletions;

  /**
   * Where each run writes the definitions it deletes, as fetched, in {@code
   * <time>/tasks/<name>.json} (and {@code <time>/events/<name>.json}): {@code mvn idflow:sync
   * -Didflow.directory=<that folder>} restores them.
   */
  @Parameter(
      property = IdflowProperties.PURGE_BACKUP_DIRECTORY,
      defaultValue = "${project.build.directory}/idflow/backup")
  private File backupDirectory;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report()
        .checked("force", force)
        .checked("dryRun", dryRun)
        .checked("maxDeletions", maxDeletions)
        .checked("eventHandlers", eventHandlers);
    try (ConductorClient client = client()) {
      return PurgeOrphans.run(
          client,
          localFiles(directory),
          new PurgeOrphans.Options(
              force,
              dryRun,
              Definitions.names(includes),
              Definitions.names(excludes),
              maxDeletions,
              backupDirectory.toPath(),
              ownerEmail,
              ownerEmailMandatory,
              Definitions.names(eventHandlers)),
          log,
          Clock.systemDefaultZone());
    }
  }
}
