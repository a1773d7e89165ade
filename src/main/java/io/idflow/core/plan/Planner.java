package io.idflow.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares local definitions with the server's, fetched once, and decides what to write. */
public final class Planner {

  private Planner() {}

  /** The server's definitions by identity: {@code name v3} for workflows, the name for tasks. */
  public static Map<String, ObjectNode> index(Kind kind, List<ObjectNode> remote) {
    Map<String, ObjectNode> byId = new HashMap<>();
    for (ObjectNode def : remote) {
      String name = def.path("name").asText();
      byId.put(kind == Kind.WORKFLOW ? name + " v" + def.path("version").asInt(1) : name, def);
    }
    return byId;
  }

  /**
   * Plans {@code selected} against the server's copies.
   *
   * @param force write every selected definition, changed or not
   * @param onDrift what to do with a definition the server holds with other content
   */
  public static Plan plan(List<LocalDefinition> selected, Map<String, ObjectNode> remote, boolean force, DriftPolicy onDrift) {
    List<PlanItem> items = new ArrayList<>();
    Map<io.idflow.core.model.Kind, ServerModel> models = new java.util.EnumMap<>(io.idflow.core.model.Kind.class);
    for (LocalDefinition local : selected) {
      ObjectNode theirs = remote.get(local.id());
      if (theirs == null) {
        items.add(new PlanItem(Action.CREATE, local, null, List.of()));
        continue;
      }
      // What the server stores is learned from its whole listing, not only from this definition's copy.
      ServerModel model = models.computeIfAbsent(local.kind(), k -> ServerModel.conductorOss().learn(k, remote.values()));
      List<Difference> diffs = JsonDiff.definitions(model, local.kind(), theirs, local.json());
      Action action;
      if (force) {
        action = Action.UPDATE;
      } else if (diffs.isEmpty()) {
        action = Action.UNCHANGED;
      } else {
        action = onDrift == DriftPolicy.OVERWRITE ? Action.UPDATE : Action.DRIFT;
      }
      items.add(new PlanItem(action, local, theirs, diffs));
    }
    return new Plan(items);
  }
}
