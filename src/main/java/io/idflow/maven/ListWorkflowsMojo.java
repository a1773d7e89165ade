package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.WorkflowListing;
import io.idflow.core.client.ConductorClient;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists workflow definitions: the local ones by name and version, each with its state in
 * Conductor (up to date, missing in Conductor, drifted), then Conductor's with their versions.
 * Writes nothing.
 */
@Mojo(name = "list-workflows", threadSafe = true)
public class ListWorkflowsMojo extends AbstractRemoteMojo {

  /**
   * What to list: {@code all} (local files with their status, then Conductor's workflows),
   * {@code local} (local files only, without asking the server) or {@code conductor} (the
   * server's workflows only).
   */
  @Parameter(property = IdflowProperties.SOURCE, defaultValue = "all")
  private String source;

  @Override
  protected boolean needsDirectory() {
    // Lenient here: a bad value fails in run(), where the failure is translated.
    return !"conductor".equalsIgnoreCase(source.trim());
  }

  @Override
  protected void run(IdflowLog log) {
    WorkflowListing.Source what = WorkflowListing.Source.parse(source);
    try (ConductorClient client = client()) {
      WorkflowListing.load(client, directory.toPath(), what, ownerEmail, log).render(log);
    }
  }
}
