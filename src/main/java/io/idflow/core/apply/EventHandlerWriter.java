package io.idflow.core.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes event handlers: Conductor has no bulk endpoint for them, so one POST per new handler and
 * one PUT per changed one (never a delete and a create). Its answers to these are empty, so every
 * write is confirmed by one read of the server's list afterwards: a handler counts as written when
 * the list shows it with the content sent.
 */
public final class EventHandlerWriter {

  private EventHandlerWriter() {}

  public static Written write(ConductorClient client, Plan plan) {
    Map<PlanItem, String> failures = new HashMap<>();
    Map<PlanItem, ObjectNode> sent = new LinkedHashMap<>();
    ConductorException failure = null;
    for (PlanItem item : plan.items()) {
      if (item.action() != Action.CREATE && item.action() != Action.UPDATE) {
        continue;
      }
      if (failure != null && failure.isUnavailable()) {
        failures.put(item, "not uploaded: " + WriteFailures.firstLine(failure));
        continue;
      }
      try {
        if (item.action() == Action.CREATE) {
          client.createEventHandler(item.local().json());
        } else {
          client.updateEventHandler(item.local().json());
        }
        sent.put(item, item.local().json());
      } catch (ConductorException e) {
        failure = failure == null || e.isUnavailable() ? e : failure;
        failures.put(item, WriteFailures.single(e));
      }
    }
    if (!sent.isEmpty()) {
      failure = confirm(client, sent, failures, failure);
    }
    return new Written(failures, failure);
  }

  /** Reads the server's list once and fails each sent handler it does not show as sent. */
  private static ConductorException confirm(
      ConductorClient client,
      Map<PlanItem, ObjectNode> sent,
      Map<PlanItem, String> failures,
      ConductorException failure) {
    Map<String, ObjectNode> stored;
    try {
      stored =
          client.getEventHandlers().stream()
              .collect(
                  Collectors.toMap(h -> h.path("name").asText(), Function.identity(), (a, b) -> a));
    } catch (ConductorException e) {
      sent.keySet()
          .forEach(
              item ->
                  failures.put(
                      item,
                      "not confirmed: the server's list of event handlers could not be read ("
                          + WriteFailures.firstLine(e)
                          + "); the next run's listing shows whether it was stored"));
      return failure == null ? e : failure;
    }
    sent.forEach(
        (item, json) -> {
          ObjectNode theirs = stored.get(item.name());
          if (theirs == null) {
            failures.put(
                item,
                "not confirmed: the server answered, but its list of event handlers does not show"
                    + " it (a gateway that answers for Conductor?)");
            return;
          }
          List<Difference> diffs = JsonDiff.definitions(Kind.EVENT_HANDLER, theirs, json);
          if (!diffs.isEmpty()) {
            failures.put(
                item,
                "not confirmed: the server holds other content at "
                    + diffs.stream().map(Difference::path).collect(Collectors.joining(", ")));
          }
        });
    return failure;
  }
}
