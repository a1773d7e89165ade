package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.CheckMissing;
import io.idflow.core.goal.RequiredWorkflow;
import io.idflow.core.outcome.Outcome;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when Conductor lacks what the application needs: a local workflow version, a
 * required workflow, a sub-workflow referenced at any depth, or the task definition of a SIMPLE
 * task, and the secrets and environment values workflows read. Reads the server with two requests
 * (four when workflows read secrets or environment values) and writes nothing to it.
 */
@Mojo(name = "check-missing", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMissingMojo extends AbstractValidatingMojo {

  /**
   * Workflows the application starts without defining them: a comma list of {@code name} (any
   * version) or {@code name:version}.
   */
  @Parameter(property = IdflowProperties.REQUIRED_WORKFLOWS)
  private String requiredWorkflows;

  /** Fails the build when something is missing; {@code false} prints warnings only. */
  @Parameter(property = IdflowProperties.FAIL_ON_MISSING, defaultValue = "true")
  private boolean failOnMissing;

  /**
   * Also fails the build when a local workflow or task definition exists in Conductor at the same
   * version with other content, listing the differing paths.
   */
  @Parameter(property = IdflowProperties.FAIL_ON_DRIFT, defaultValue = "false")
  private boolean failOnDrift;

  @Override
  protected Outcome outcome(IdflowLog log) {
    List<RequiredWorkflow> required = RequiredWorkflow.parse(requiredWorkflows);
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("requiredWorkflows", required.stream().map(Object::toString).toList())
        .checked("failOnMissing", failOnMissing)
        .checked("failOnDrift", failOnDrift);
    try (ConductorClient client = client()) {
      return CheckMissing.run(
          client,
          localFiles(directory),
          new CheckMissing.Options(
              required, failOnMissing, failOnDrift, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
