package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.ListWorkflows;
import io.idflow.core.outcome.Outcome;
import io.idflow.core.outcome.WorkflowListOutcome;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists workflow definitions: the local ones by name and version, each with its state in Conductor
 * (up to date, missing in Conductor, drifted), then Conductor's with their versions. Writes
 * nothing.
 */
@Mojo(name = "list-workflows", threadSafe = true)
public class ListWorkflowsMojo extends AbstractDefinitionsMojo {

  /**
   * What to list: {@code all} (local files with their status, then Conductor's workflows), {@code
   * local} (local files only, without asking the server) or {@code conductor} (the server's
   * workflows only).
   */
  @Parameter(property = IdflowProperties.SOURCE, defaultValue = "all")
  private String source;

  @Override
  protected File definitionsDirectory() {
    // Lenient here: a bad value fails in outcome(), where the failure is translated.
    return "conductor".equalsIgnoreCase(source.trim()) ? null : directory;
  }

  @Override
  protected Outcome outcome(IdflowLog log) {
    WorkflowListOutcome.Source what = WorkflowListOutcome.Source.parse(source);
    try (ConductorClient client = client()) {
      return ListWorkflows.run(client, localFiles(directory), what, ownerEmail, log);
    }
  }
}
