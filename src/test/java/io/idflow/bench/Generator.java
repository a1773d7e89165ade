package io.idflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes N workflow and N task definitions, one pretty-printed file each, as a project keeps them
 * under {@code idflow/}. Each workflow has five tasks: a SIMPLE task, a SWITCH with a SIMPLE task
 * in a case and one in the default case, and a final SIMPLE task, with input expressions between
 * them; each SIMPLE task uses one of the generated task definitions. Every name starts with the
 * cell's prefix, so two cells never share a definition.
 */
final class Generator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWNER = "orders-team@example.com";

  private final String prefix;
  private final int n;
  private final Path idflow;

  Generator(String prefix, int n, Path idflow) {
    this.prefix = prefix;
    this.n = n;
    this.idflow = idflow;
  }

  String workflowName(int i) {
    return String.format("%s_wf_%05d", prefix, i);
  }

  String taskName(int i) {
    return String.format("%s_task_%05d", prefix, i % n);
  }

  /** Writes every definition (version 1). */
  void writeAll() throws IOException {
    Files.createDirectories(idflow.resolve("workflows"));
    Files.createDirectories(idflow.resolve("tasks"));
    for (int i = 0; i < n; i++) {
      write(idflow.resolve("tasks").resolve(taskName(i) + ".json"), task(i, false));
      write(idflow.resolve("workflows").resolve(workflowName(i) + ".json"), workflow(i, false));
    }
  }

  /** The indices changed by {@link #changeOnePercent()}: one in a hundred, at least one. */
  List<Integer> changedIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = n >= 100 ? 50 : 0; i < n; i += 100) {
      out.add(i);
    }
    return out;
  }

  /**
   * Changes 1% of each kind as teams do: a workflow gets one more task and the next version
   * (Conductor keeps old versions, so a change is a new version); a task definition changes its
   * retry settings (task definitions have no versions, so it is an update).
   */
  void changeOnePercent() throws IOException {
    for (int i : changedIndices()) {
      write(idflow.resolve("tasks").resolve(taskName(i) + ".json"), task(i, true));
      write(idflow.resolve("workflows").resolve(workflowName(i) + ".json"), workflow(i, true));
    }
  }

  ObjectNode task(int i, boolean changed) {
    ObjectNode t = JSON.createObjectNode();
    t.put("name", taskName(i));
    t.put(
        "description", "Step " + i + " of the order pipeline" + (changed ? " (retries more)" : ""));
    t.put("ownerEmail", OWNER);
    t.put("retryCount", changed ? 5 : 3);
    t.put("retryLogic", "EXPONENTIAL_BACKOFF");
    t.put("retryDelaySeconds", changed ? 10 : 5);
    t.put("timeoutSeconds", 300);
    t.put("responseTimeoutSeconds", 120);
    t.put("timeoutPolicy", "TIME_OUT_WF");
    t.putArray("inputKeys").add("orderId").add("customerId").add("amount");
    t.putArray("outputKeys").add("status").add("reference");
    t.put("concurrentExecLimit", 20);
    t.put("rateLimitPerFrequency", 0);
    t.put("rateLimitFrequencyInSeconds", 1);
    return t;
  }

  ObjectNode workflow(int i, boolean changed) {
    ObjectNode w = JSON.createObjectNode();
    w.put("name", workflowName(i));
    w.put("description", "Order flow " + i + ": validates, routes, ships and notifies");
    w.put("version", changed ? 2 : 1);
    w.put("schemaVersion", 2);
    w.put("ownerEmail", OWNER);
    w.put("restartable", true);
    w.put("timeoutPolicy", "TIME_OUT_WF");
    w.put("timeoutSeconds", 3600);
    w.putArray("inputParameters").add("orderId").add("customerId").add("amount").add("shipping");
    ArrayNode tasks = w.putArray("tasks");
    tasks.add(
        simple(
            taskName(i),
            "validate",
            "orderId",
            "${workflow.input.orderId}",
            "amount",
            "${workflow.input.amount}"));
    ObjectNode route = tasks.addObject();
    route.put("name", "route");
    route.put("taskReferenceName", "route");
    route.put("type", "SWITCH");
    route.put("evaluatorType", "value-param");
    route.put("expression", "shipping");
    route.putObject("inputParameters").put("shipping", "${workflow.input.shipping}");
    route
        .putObject("decisionCases")
        .putArray("express")
        .add(
            simple(
                taskName(i + 1),
                "ship_express",
                "orderId",
                "${workflow.input.orderId}",
                "checked",
                "${validate.output.status}"));
    route
        .putArray("defaultCase")
        .add(
            simple(
                taskName(i + 2),
                "ship_standard",
                "orderId",
                "${workflow.input.orderId}",
                "checked",
                "${validate.output.status}"));
    tasks.add(
        simple(
            taskName(i + 3),
            "notify",
            "customerId",
            "${workflow.input.customerId}",
            "status",
            "${validate.output.status}"));
    if (changed) {
      tasks.add(
          simple(
              taskName(i + 4),
              "audit",
              "orderId",
              "${workflow.input.orderId}",
              "notified",
              "${notify.output.status}"));
    }
    ObjectNode out = w.putObject("outputParameters");
    out.put("status", "${notify.output.status}");
    out.put("reference", "${validate.output.reference}");
    return w;
  }

  private static ObjectNode simple(
      String name, String ref, String k1, String v1, String k2, String v2) {
    ObjectNode t = JSON.createObjectNode();
    t.put("name", name);
    t.put("taskReferenceName", ref);
    t.put("type", "SIMPLE");
    t.putObject("inputParameters").put(k1, v1).put(k2, v2);
    return t;
  }

  private static void write(Path file, ObjectNode json) throws IOException {
    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }
}
