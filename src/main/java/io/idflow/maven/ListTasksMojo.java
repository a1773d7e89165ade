package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.TaskManager;
import io.idflow.core.client.ConductorClient;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compares the local task definitions with Conductor's and lists them in three sections: only
 * local, only remote, and on both sides, where the ones that differ show the differing paths.
 * Writes nothing.
 */
@Mojo(name = "list-tasks", threadSafe = true)
public class ListTasksMojo extends AbstractRemoteMojo {

  @Override
  protected void run(IdflowLog log) {
    try (ConductorClient client = client()) {
      new TaskManager(client, directory.toPath(), log).status(ownerEmail).render(log);
    }
  }
}
