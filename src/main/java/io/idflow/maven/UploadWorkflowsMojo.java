package io.idflow.maven;

import io.idflow.core.local.Definitions;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.UploadReport;
import io.idflow.core.WorkflowManager;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
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
    report().checked("directory", directory.toString()).checked("workflow", workflow).checked("force", force)
        .checked("dryRun", dryRun).checked("onDrift", onDrift);
    UploadReport upload;
    try (ConductorClient client = client()) {
      upload = new WorkflowManager(client, directory.toPath(), log).upload(
          new WorkflowManager.UploadOptions(Definitions.names(workflow), force, dryRun, policy, ownerEmail, ownerEmailMandatory));
    } catch (ConductorException e) {
      throw beforeAnyWrite(e, "Nothing was uploaded");
    }
    report().addAll(upload.entries());
    upload.render(log);
    if (!upload.failed()) {
      return;
    }
    if (upload.failure() instanceof IdflowException drift) {
      throw new MojoFailureException(drift.getMessage(), drift);  // says itself that nothing was uploaded
    }
    String message = upload.outcome() + (upload.failure() == null ? "" : "; " + upload.failure().getMessage());
    if (upload.serverUnavailable()) {
      throw new MojoExecutionException("Conductor at " + shownUrl() + " could not take the upload: " + message, upload.failure());
    }
    throw new MojoFailureException(message, upload.failure());
  }
}
