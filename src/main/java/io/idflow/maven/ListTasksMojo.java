package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.ListTasks;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compares the local task definitions with Conductor's and lists them in three sections: only
 * local, only remote, and on both sides, where the ones that differ show the differing paths.
 * Writes nothing.
 */
@Mojo(name = "list-tasks", threadSafe = true)
public class ListTasksMojo extends AbstractDefinitionsMojo {

  @Override
  protected Outcome outcome(IdflowLog log) {
    try (ConductorClient client = client()) {
      return ListTasks.run(client, localFiles(directory), ownerEmail, log);
    }
  }
}
