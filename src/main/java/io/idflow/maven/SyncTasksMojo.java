package io.idflow.maven;

import io.idflow.core.local.Definitions;
import io.idflow.core.IdflowLog;
import io.idflow.core.TaskManager;
import io.idflow.core.UploadReport;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings Conductor's task definitions in line with the local ones, after validating them all:
 * new ones in one bulk request, changed ones one by one with an update that keeps their
 * {@code createTime}; unchanged ones are skipped. Remote task definitions are never deleted here
 * (see {@code purge-orphans}).
 */
@Mojo(name = "sync-tasks", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncTasksMojo extends AbstractRemoteMojo {

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
  protected void run(IdflowLog log) throws MojoExecutionException, MojoFailureException {
    UploadReport report;
    try (ConductorClient client = client()) {
      report = new TaskManager(client, directory.toPath(), log).sync(
          new TaskManager.SyncOptions(Definitions.names(task), force, dryRun, ownerEmail, ownerEmailMandatory));
    } catch (ConductorException e) {
      throw beforeAnyWrite(e, "Nothing was synced");
    }
    report().checked("directory", directory.toString()).checked("task", task).checked("force", force)
        .checked("dryRun", dryRun).addAll(report.entries());
    report.render(log);
    if (!report.failed()) {
      return;
    }
    String message = report.outcome() + (report.failure() == null ? "" : "; " + report.failure().getMessage());
    if (report.serverUnavailable()) {
      throw new MojoExecutionException("Conductor at " + shownUrl() + " could not take the task definitions: "
          + message, report.failure());
    }
    throw new MojoFailureException(message, report.failure());
  }
}
