package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.Diff;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what would change in Conductor to match the local definitions, like a plan: workflows and
 * task definitions to create or update with each changed path, and this project's task definitions
 * that only Conductor has. Writes nothing to the server.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractValidatingMojo {

  /** Fails the build when anything would change: a drift gate for CI. */
  @Parameter(property = IdflowProperties.FAIL_ON_DIFF, defaultValue = "false")
  private boolean failOnDiff;

  /**
   * Task definitions whose names match these globs ({@code *}, {@code ?}; comma list) belong to the
   * project whatever their owner, as for {@code purge-orphans}.
   */
  @Parameter(property = IdflowProperties.PURGE_INCLUDES)
  private String includes;

  /**
   * Task definitions whose names match these globs never belong to the project, as for {@code
   * purge-orphans}.
   */
  @Parameter(property = IdflowProperties.PURGE_EXCLUDES)
  private String excludes;

  /**
   * The server's event handlers whose names match these globs belong to the project, as for {@code
   * purge-orphans}: those no local file defines are listed as deletions.
   */
  @Parameter(property = IdflowProperties.PURGE_EVENT_HANDLERS)
  private String eventHandlers;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report().checked("directory", Texts.path(directory.toPath())).checked("failOnDiff", failOnDiff);
    try (ConductorClient client = client()) {
      return Diff.run(
          client,
          localFiles(directory),
          new Diff.Options(
              Definitions.names(includes),
              Definitions.names(excludes),
              failOnDiff,
              ownerEmail,
              ownerEmailMandatory,
              Definitions.names(eventHandlers)),
          log);
    }
  }
}
