package io.idflow.core.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes schedules: one {@code POST /scheduler/schedules} each, which creates or replaces by name
 * (the server keeps the {@code createTime}). The server answers with what it stored, so each write
 * is confirmed from its own answer.
 */
public final class ScheduleWriter {

  private ScheduleWriter() {}

  public static Written write(ConductorClient client, Plan plan) {
    Map<PlanItem, String> failures = new HashMap<>();
    ConductorException failure = null;
    for (PlanItem item : plan.writes()) {
      if (failure != null && failure.isUnavailable()) {
        failures.put(item, "not uploaded: " + WriteFailures.firstLine(failure));
        continue;
      }
      try {
        ObjectNode stored = client.putSchedule(item.local().json());
        List<Difference> diffs = JsonDiff.definitions(Kind.SCHEDULE, stored, item.local().json());
        if (!diffs.isEmpty()) {
          failures.put(
              item,
              "not confirmed: the server answered with other content at "
                  + diffs.stream().map(Difference::path).collect(Collectors.joining(", ")));
        }
      } catch (ConductorException e) {
        failure = failure == null || e.isUnavailable() ? e : failure;
        failures.put(item, WriteFailures.single(e));
      }
    }
    return new Written(failures, failure);
  }
}
