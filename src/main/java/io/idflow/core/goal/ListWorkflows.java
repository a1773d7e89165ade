package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.WorkflowListOutcome;
import io.idflow.core.outcome.WorkflowListOutcome.Source;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.Planner;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.List;
import java.util.Map;

/**
 * {@code list-workflows}: the local workflows with their state on the server, the server's, or
 * both.
 */
public final class ListWorkflows {

  private ListWorkflows() {}

  /**
   * Reads the local files unless only the server is wanted, asks the server once unless only local
   * files are.
   */
  public static WorkflowListOutcome run(
      ConductorClient client, LocalFiles files, Source source, String ownerEmail, IdflowLog log) {
    RemoteDefinitions remote =
        source == Source.LOCAL
            ? RemoteDefinitions.of(Map.of(Kind.WORKFLOW, List.of()))
            : RemoteDefinitions.fetch(client, Kind.WORKFLOW);
    Plan plan = null;
    if (source != Source.CONDUCTOR) {
      LocalDefinitions defs = Definitions.loadReadable(files, ownerEmail, log);
      plan =
          Planner.plan(
              defs, remote, Planner.Options.compare(defs.workflows(), false, DriftPolicy.WARN));
    }
    return WorkflowListOutcome.of(
        source, plan, source == Source.LOCAL ? Map.of() : remote.workflowVersions());
  }
}
