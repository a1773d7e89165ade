package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.Sync;
import io.idflow.core.outcome.Outcome;
import io.idflow.core.plan.DriftPolicy;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys every kind of definition in one execution, in the order they depend on each other: task
 * definitions ({@code sync-tasks}), then workflows ({@code upload-workflows}), then event handlers
 * ({@code sync-event-handlers}), then schedules ({@code sync-schedules}). The files are loaded and
 * validated once; a kind that fails stops the kinds after it. Nothing is deleted.
 */
@Mojo(name = "sync", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncMojo extends AbstractValidatingMojo {

  /** Shows what would be created and updated, and writes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * What to do when the server holds a workflow's version with other content: {@code warn} prints
   * the differing paths and skips it, {@code fail} fails the build before any workflow is written
   * (and stops the event handlers), {@code overwrite} uploads the local copy.
   */
  @Parameter(property = IdflowProperties.ON_DRIFT, defaultValue = "warn")
  private String onDrift;

  @Override
  protected Outcome outcome(IdflowLog log) {
    DriftPolicy policy = DriftPolicy.parse(onDrift);
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("dryRun", dryRun)
        .checked("onDrift", onDrift);
    try (ConductorClient client = client()) {
      return Sync.run(
          client,
          localFiles(directory),
          new Sync.Options(dryRun, policy, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
