package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings Conductor's task definitions in line with the local ones, after validating them all: new
 * ones in one bulk request, changed ones one by one with an update that keeps their {@code
 * createTime}; unchanged ones are skipped. Remote task definitions are never deleted here (see
 * {@code purge-orphans}).
 */
@Mojo(name = "sync-tasks", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncTasksMojo extends AbstractValidatingMojo {

  /** The task definitions to sync: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.TASK)
  private String task;

  /** Writes every selected task definition, even those the server already holds unchanged. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Shows what would be created and updated, and writes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("task", task)
        .checked("force", force)
        .checked("dryRun", dryRun);
    try (ConductorClient client = client()) {
      return SyncTasks.run(
          client,
          localFiles(directory),
          new SyncTasks.Options(
              Definitions.names(task), force, dryRun, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
