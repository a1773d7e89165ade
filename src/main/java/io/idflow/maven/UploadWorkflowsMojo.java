package io.idflow.maven;

import io.idflow.core.Definitions;
import io.idflow.core.IdflowLog;
import io.idflow.core.UploadReport;
import io.idflow.core.WorkflowManager;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.plan.DriftPolicy;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Uploads the local workflow definitions that Conductor lacks, in one bulk request, after
 * validating them all. A version the server already holds with the same content is skipped; one
 * it holds with other content is drift, handled by {@code onDrift}.
 */
@Mojo(name = "upload-workflows", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class UploadWorkflowsMojo extends AbstractRemoteMojo {

  /** The workflows to upload: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.WORKFLOW)
  private String workflow;

  /** Uploads every selected workflow, even those the server already holds. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Shows what would be uploaded and uploads nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * What to do when the server holds a workflow's version with other content: {@code warn} prints
   * the differing paths and skips it, {@code fail} fails the build and uploads nothing,
   * {@code overwrite} uploads the local copy.
   */
  @Parameter(property = IdflowProperties.ON_DRIFT, defaultValue = "warn")
  private String onDrift;

  @Override
  protected void run(IdflowLog log) throws MojoExecutionException, MojoFailureException {
    DriftPolicy policy = DriftPolicy.parse(onDrift);
    UploadReport report;
    try (ConductorClient client = client()) {
      report = new WorkflowManager(client, directory.toPath(), log).upload(
          new WorkflowManager.UploadOptions(Definitions.names(workflow), force, dryRun, policy, ownerEmail, ownerEmailMandatory));
    }
    report.render(log);
    if (!report.failed()) {
      return;
    }
    String message = report.failure() != null ? report.failure().getMessage()
        : "Some workflows were not uploaded: " + report.results().stream().filter(r -> r.failed())
            .map(r -> r.name() + " v" + r.version()).toList();
    if (report.serverUnavailable()) {
      throw new MojoExecutionException("Conductor at " + conductorUrl() + " could not take the upload: " + message, report.failure());
    }
    throw new MojoFailureException(message, report.failure());
  }
}
