package io.idflow.core.apply;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes task definitions: the new ones in one bulk POST, the changed ones with one PUT each, which
 * keeps their {@code createTime} where a POST would reset it.
 */
public final class TaskWriter {

  private TaskWriter() {}

  public static Written write(ConductorClient client, Plan plan) {
    Map<PlanItem, String> failures = new HashMap<>();
    ConductorException failure = null;
    List<PlanItem> creates = plan.with(Action.CREATE);
    if (!creates.isEmpty()) {
      try {
        client.createTaskDefs(creates.stream().map(i -> i.local().json()).toList());
      } catch (ConductorException e) {
        failure = e;
        for (int i = 0; i < creates.size(); i++) {
          failures.put(creates.get(i), WriteFailures.reasonFor(e, i, creates.size()));
        }
      }
    }
    for (PlanItem update : plan.with(Action.UPDATE)) {
      if (failure != null && failure.isUnavailable()) {
        failures.put(update, "not uploaded: " + WriteFailures.firstLine(failure));
        continue;
      }
      try {
        client.updateTaskDef(update.local().json());
      } catch (ConductorException e) {
        failure = failure == null || e.isUnavailable() ? e : failure;
        failures.put(update, WriteFailures.single(e));
      }
    }
    return new Written(failures, failure);
  }
}
