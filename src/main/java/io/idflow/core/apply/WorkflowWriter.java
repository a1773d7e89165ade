package io.idflow.core.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.BulkResult;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes workflow definitions in one bulk request, and confirms each from the server's answer. */
public final class WorkflowWriter {

  private WorkflowWriter() {}

  /**
   * Writes {@code writes} (the server stores all or none) and says which were not written or not
   * confirmed.
   */
  public static Written write(ConductorClient client, List<PlanItem> writes, IdflowLog log) {
    if (writes.isEmpty()) {
      return Written.nothing();
    }
    try {
      BulkResult answer =
          client.putWorkflowDefs(writes.stream().map(i -> i.local().json()).toList());
      return new Written(unconfirmed(client, writes, answer, log), null);
    } catch (ConductorException e) {
      Map<PlanItem, String> failures = new HashMap<>();
      for (int i = 0; i < writes.size(); i++) {
        failures.put(writes.get(i), WriteFailures.reasonFor(e, i, writes.size()));
      }
      return new Written(failures, e);
    }
  }

  /**
   * The writes that the server's answer does not confirm, with why: each definition sent must be
   * named among those stored. A server that names none (an empty answer) is asked for its listing
   * instead, and each definition must be there as sent.
   */
  private static Map<PlanItem, String> unconfirmed(
      ConductorClient client, List<PlanItem> writes, BulkResult answer, IdflowLog log) {
    Map<PlanItem, String> out = new HashMap<>();
    if (!answer.answered()) {
      log.debug(
          "Conductor's answer to the upload names no definition: reading them back to confirm");
      RemoteDefinitions stored;
      try {
        stored =
            RemoteDefinitions.fetch(
                client, writes.stream().map(PlanItem::id).toList(), Kind.WORKFLOW);
      } catch (ConductorException e) {
        writes.forEach(
            item ->
                out.put(
                    item,
                    "not confirmed: the answer named no definition, and reading them back failed: "
                        + WriteFailures.firstLine(e)));
        return out;
      }
      for (PlanItem item : writes) {
        ObjectNode copy = stored.get(item.id()).orElse(null);
        List<Difference> differences =
            copy == null
                ? List.of()
                : JsonDiff.definitions(
                    stored.model(Kind.WORKFLOW), Kind.WORKFLOW, copy, item.local().json());
        if (copy == null) {
          out.put(
              item,
              "not confirmed: the answer named no definition, and the server's listing lacks it");
        } else if (!differences.isEmpty()) {
          out.put(
              item,
              "not confirmed: the answer named no definition, and the server's copy differs at "
                  + differences.stream().map(Difference::path).collect(Collectors.joining(", ")));
        }
      }
      return out;
    }
    Map<String, Integer> named = new HashMap<>();
    answer.successful().forEach(n -> named.merge(n, 1, Integer::sum));
    for (PlanItem item : writes) {
      String error = answer.errors().get(item.name());
      if (error != null) {
        out.put(item, "rejected by Conductor: " + Texts.printable(error));
      } else if (named.merge(item.name(), -1, Integer::sum) < 0) {
        out.put(
            item,
            "not confirmed: Conductor's answer does not name it among the definitions it stored");
      }
    }
    return out;
  }
}
