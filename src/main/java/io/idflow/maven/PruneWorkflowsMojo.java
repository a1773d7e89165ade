package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.PruneWorkflows;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import java.time.Clock;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes Conductor's old and orphaned workflow versions: those that belong to this project (by
 * {@code ownerEmail} and name globs, as for {@code purge-orphans}) and that no local file defines.
 * It keeps the newest {@code keep} versions of each name, every version a workflow's reference pins
 * (or takes as the latest), and every version with executions still running or paused. Each one is
 * backed up first. Bound to no phase: it runs only when asked.
 */
@Mojo(name = "prune-workflows", threadSafe = true)
public class PruneWorkflowsMojo extends AbstractValidatingMojo {

  /** Prunes only this workflow name (with every guard); none: every name in scope. */
  @Parameter(property = IdflowProperties.WORKFLOW)
  private String workflow;

  /** Prunes only this version of {@code workflow} (with every guard). */
  @Parameter(property = IdflowProperties.VERSION)
  private Integer version;

  /**
   * How many of the newest versions of each name are always kept: by default the newest and the one
   * before it, to roll back to.
   */
  @Parameter(
      property = IdflowProperties.PRUNE_KEEP,
      defaultValue = "" + PruneWorkflows.DEFAULT_KEEP)
  private int keep;

  /** Lists the workflow versions that would be pruned, and deletes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * Name globs ({@code *}, {@code ?}; comma list) of remote workflows in scope whatever their
   * {@code ownerEmail}. Without an owner (none set, and the local workflows do not share one) they
   * are the whole scope.
   */
  @Parameter(property = IdflowProperties.PRUNE_INCLUDES)
  private String includes;

  /** Name globs ({@code *}, {@code ?}; comma list) of remote workflows never pruned. */
  @Parameter(property = IdflowProperties.PRUNE_EXCLUDES)
  private String excludes;

  /** More workflow versions to prune than this fails the goal before anything is deleted. */
  @Parameter(property = IdflowProperties.PRUNE_MAX_DELETIONS, defaultValue = "10")
  private int maxDeletions;

  /**
   * Where each run writes the workflow versions it deletes, as fetched, in {@code
   * <time>/workflows/<name>.v<version>.json}: {@code mvn idflow:upload-workflows
   * -Didflow.directory=<that folder>} restores them.
   */
  @Parameter(
      property = IdflowProperties.PRUNE_BACKUP_DIRECTORY,
      defaultValue = "${project.build.directory}/idflow/backup")
  private File backupDirectory;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report().checked("keep", keep).checked("dryRun", dryRun).checked("maxDeletions", maxDeletions);
    try (ConductorClient client = client()) {
      return PruneWorkflows.run(
          client,
          localFiles(directory),
          new PruneWorkflows.Options(
              workflow,
              version,
              keep,
              dryRun,
              Definitions.names(includes),
              Definitions.names(excludes),
              maxDeletions,
              backupDirectory.toPath(),
              ownerEmail,
              ownerEmailMandatory),
          log,
          Clock.systemDefaultZone());
    }
  }
}
