package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.WorkflowTasks;
import io.idflow.core.local.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Brings a definition, local or remote, to the form in which two copies compare equal exactly when
 * they mean the same: no audit fields, no nulls, no field that holds the server's default.
 */
public final class Normalizer {

  private Normalizer() {}

  /** A normalised copy of {@code definition}; the argument is not changed. */
  public static ObjectNode normalize(Kind kind, ObjectNode definition) {
    ObjectNode copy = definition.deepCopy();
    ServerDefaults.AUDIT_FIELDS.forEach(copy::remove);
    if (kind == Kind.TASK) {
      dropDefaults(copy, ServerDefaults.TASK);
      return copy;
    }
    // Children first: a nested task emptied down to its defaults must still be dropped by its parent.
    List<WorkflowTasks.Located> tasks = new ArrayList<>(WorkflowTasks.all(copy));
    for (int i = tasks.size() - 1; i >= 0; i--) {
      ObjectNode task = tasks.get(i).task();
      if (task.get("taskDefinition") instanceof ObjectNode inline) {
        ServerDefaults.AUDIT_FIELDS.forEach(inline::remove);
        dropDefaults(inline, ServerDefaults.TASK);
      }
      dropDefaults(task, ServerDefaults.WORKFLOW_TASK);
    }
    dropDefaults(copy, ServerDefaults.WORKFLOW);
    return copy;
  }

  private static void dropDefaults(ObjectNode node, JsonNode defaults) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      JsonNode fallback = defaults.get(field.getKey());
      if (value.isNull() || (fallback != null && JsonDiff.same(value, fallback))) {
        it.remove();
      }
    }
  }
}
