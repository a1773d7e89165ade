package io.idflow.maven;

import io.idflow.core.local.Definitions;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.plan.DiffReport;
import io.idflow.core.IdflowException;
import io.idflow.core.purge.PurgeScope;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what would change in Conductor to match the local definitions, like a plan: workflows and
 * task definitions to create or update with each changed path, and this project's task definitions
 * that only Conductor has. Writes nothing to the server.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractRemoteMojo {

  /** Fails the build when anything would change: a drift gate for CI. */
  @Parameter(property = IdflowProperties.FAIL_ON_DIFF, defaultValue = "false")
  private boolean failOnDiff;

  /**
   * Task definitions whose names match these globs ({@code *}, {@code ?}; comma list) belong to the
   * project whatever their owner, as for {@code purge-orphans}.
   */
  @Parameter(property = IdflowProperties.PURGE_INCLUDES)
  private String includes;

  /** Task definitions whose names match these globs never belong to the project, as for {@code purge-orphans}. */
  @Parameter(property = IdflowProperties.PURGE_EXCLUDES)
  private String excludes;

  @Override
  protected void run(IdflowLog log) throws MojoFailureException {
    LocalDefinitions defs = Definitions.loadValid(directory.toPath(), ownerEmail, ownerEmailMandatory, log);
    // purge-orphans' scope: diff lists as deletions exactly what a purge would consider.
    Optional<PurgeScope> scope;
    String scopeProblem = null;
    try {
      scope = Optional.of(PurgeScope.resolve(ownerEmail, defs.tasks(), Definitions.names(includes), Definitions.names(excludes)));
    } catch (IdflowException e) {
      scope = Optional.empty();
      scopeProblem = e.getMessage();
    }
    report().checked("directory", directory.toString()).checked("failOnDiff", failOnDiff)
        .checked("taskScope", scope.map(PurgeScope::describe).orElse(null));
    DiffReport diff;
    try (ConductorClient client = client()) {
      diff = DiffReport.compute(client, defs, scope, scopeProblem);
    }
    report().checked("plan", diff.counts()).addAll(diff.entries(failOnDiff));
    diff.render(log);
    if (failOnDiff && diff.changes()) {
      // The plan is printed just above: the failure says so instead of repeating it.
      throw new MojoFailureException("Conductor differs from the local definitions (" + IdflowProperties.FAIL_ON_DIFF
          + "=true): " + diff.summary().substring("Plan: ".length()) + ", listed above" + System.lineSeparator()
          + diff.fixHint());
    }
  }
}
