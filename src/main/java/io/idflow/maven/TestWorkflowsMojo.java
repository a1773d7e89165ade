package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.TestWorkflows;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the workflow test cases of {@code idflow/tests/**}{@code /*.json} on Conductor's test API
 * ({@code POST /api/workflow/test}): each case runs the local definition with the outputs of its
 * worker tasks given, so no worker is needed, and checks the finished execution against what it
 * expects. Every case is checked offline first. A failing case fails the build. Bound to {@code
 * integration-test}, between {@code start-server} and {@code stop-server}.
 */
@Mojo(name = "test-workflows", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestWorkflowsMojo extends AbstractValidatingMojo {

  /**
   * Runs only the cases whose {@code test} name matches this glob ({@code *}, {@code ?}); none:
   * all.
   */
  @Parameter(property = IdflowProperties.TEST)
  private String test;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report().checked("directory", Texts.path(directory.toPath()));
    try (ConductorClient client = client()) {
      return TestWorkflows.run(
          client,
          localFiles(directory),
          new TestWorkflows.Options(test, ownerEmail, ownerEmailMandatory),
          log);
    }
  }
}
