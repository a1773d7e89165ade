package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.TaskListOutcome;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Planner;
import io.idflow.core.remote.RemoteDefinitions;

/**
 * {@code list-tasks}: every local task definition beside the server's, from the plan of a sync that
 * writes nothing.
 */
public final class ListTasks {

  private ListTasks() {}

  /**
   * Reads the local files leniently (problems are warnings) and the server's task definitions once.
   */
  public static TaskListOutcome run(
      ConductorClient client, LocalFiles files, String ownerEmail, IdflowLog log) {
    LocalDefinitions defs = Definitions.loadReadable(files, ownerEmail, log);
    RemoteDefinitions remote = RemoteDefinitions.fetch(client, Kind.TASK);
    return TaskListOutcome.of(
        Planner.plan(
            defs, remote, Planner.Options.compare(defs.tasks(), false, DriftPolicy.OVERWRITE)),
        remote.all(Kind.TASK).stream().map(t -> t.path("name").asText()).toList());
  }
}
