package io.idflow.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.LocalDefinition;
import java.util.List;

/**
 * One step of a plan: a definition, what happens to it and why.
 *
 * @param action what the plan does
 * @param id the definition
 * @param local the local definition, null for {@link Action#DELETE} and {@link Action#KEEP_IN_USE}
 * @param remote the server's copy, null for {@link Action#CREATE}
 * @param differences the differing paths, remote value first (empty but for update and drift)
 * @param reason for a deletion, why the definition is the project's ({@code owner a@b}); else null
 * @param usages for {@link Action#KEEP_IN_USE}, every use, sorted; else empty
 */
public record PlanItem(
    Action action,
    DefinitionId id,
    LocalDefinition local,
    ObjectNode remote,
    List<Difference> differences,
    String reason,
    List<TaskUsages.Usage> usages) {

  public PlanItem {
    differences = List.copyOf(differences);
    usages = List.copyOf(usages);
  }

  /**
   * A comparison of a local definition with the server's copy ({@code remote} null when it has
   * none).
   */
  public static PlanItem compared(
      Action action, LocalDefinition local, ObjectNode remote, List<Difference> differences) {
    return new PlanItem(action, local.id(), local, remote, differences, null, List.of());
  }

  public String name() {
    return id.name();
  }

  /** Whether applying the plan writes this definition to the server. */
  public boolean writes() {
    return action.writes();
  }
}
