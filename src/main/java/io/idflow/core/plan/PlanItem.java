package io.idflow.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.LocalDefinition;
import java.util.List;

/**
 * One step of a plan: a definition, what happens to it and why.
 *
 * @param action what the plan does
 * @param local the local definition, null for {@link Action#DELETE}
 * @param remote the server's copy, null for {@link Action#CREATE}
 * @param differences the differing paths, remote value first (empty for create, delete, unchanged)
 */
public record PlanItem(Action action, LocalDefinition local, ObjectNode remote, List<Difference> differences) {

  public PlanItem {
    differences = List.copyOf(differences);
  }

  public String name() {
    return local != null ? local.name() : remote.path("name").asText();
  }

  /** {@code order_flow v3} or the task name. */
  public String id() {
    return local != null ? local.id() : remote.has("version") ? name() + " v" + remote.path("version").asInt() : name();
  }

  /** Whether applying the plan writes this definition to the server. */
  public boolean writes() {
    return action == Action.CREATE || action == Action.UPDATE;
  }
}
