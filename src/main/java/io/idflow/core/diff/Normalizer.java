package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.WorkflowTasks;
import io.idflow.core.local.Kind;
import java.util.Iterator;
import java.util.Map;

/**
 * Brings a definition, local or remote, to the form in which two copies compare equal exactly when
 * they mean the same: no audit fields, no nulls, and every field the server would default filled in
 * with that default, so a change from a default shows the value the server really uses.
 */
public final class Normalizer {

  private Normalizer() {}

  /** A normalised copy of {@code definition}; the argument is not changed. */
  public static ObjectNode normalize(Kind kind, ObjectNode definition) {
    ObjectNode copy = definition.deepCopy();
    ServerDefaults.AUDIT_FIELDS.forEach(copy::remove);
    if (kind == Kind.TASK) {
      fillDefaults(copy, ServerDefaults.TASK);
      return copy;
    }
    for (WorkflowTasks.Located located : WorkflowTasks.all(copy)) {
      ObjectNode task = located.task();
      if (task.get("taskDefinition") instanceof ObjectNode inline) {
        ServerDefaults.AUDIT_FIELDS.forEach(inline::remove);
        fillDefaults(inline, ServerDefaults.TASK);
      }
      fillDefaults(task, ServerDefaults.WORKFLOW_TASK);
    }
    fillDefaults(copy, ServerDefaults.WORKFLOW);
    return copy;
  }

  private static void fillDefaults(ObjectNode node, JsonNode defaults) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      if (it.next().getValue().isNull()) {
        it.remove();
      }
    }
    defaults.fields().forEachRemaining(d -> {
      if (!node.has(d.getKey())) {
        node.set(d.getKey(), d.getValue().deepCopy());
      }
    });
  }
}
