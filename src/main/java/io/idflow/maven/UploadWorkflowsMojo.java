package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import io.idflow.core.plan.DriftPolicy;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Uploads the local workflow definitions that Conductor lacks, in one bulk request, after
 * validating them all. A version the server already holds with the same content is skipped; one it
 * holds with other content is drift, handled by {@code onDrift}.
 */
@Mojo(name = "upload-workflows", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class UploadWorkflowsMojo extends AbstractValidatingMojo {

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
   * the differing paths and skips it, {@code fail} fails the build and uploads nothing, {@code
   * overwrite} uploads the local copy.
   */
  @Parameter(property = IdflowProperties.ON_DRIFT, defaultValue = "warn")
  private String onDrift;

  @Override
  protected Outcome outcome(IdflowLog log) {
    DriftPolicy policy = DriftPolicy.parse(onDrift);
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("workflow", workflow)
        .checked("force", force)
        .checked("dryRun", dryRun)
        .checked("onDrift", onDrift);
    try (ConductorClient client = client()) {
      return UploadWorkflows.run(
          client,
          localFiles(directory),
          new UploadWorkflows.Options(
              Definitions.names(workflow), force, dryRun, policy, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
