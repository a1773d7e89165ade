package io.idflow.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts a workflow execution and, when asked, waits for it to end: a smoke test after a deploy.
 */
public final class WorkflowRunner {
  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED");
  private static final Set<String> TASK_FAILED =
      Set.of("FAILED", "FAILED_WITH_TERMINAL_ERROR", "TIMED_OUT", "CANCELED");

  private final ConductorClient client;
  private final IdflowLog log;
  private final Duration pollInterval;

  public WorkflowRunner(ConductorClient client, IdflowLog log, Duration pollInterval) {
    this.client = client;
    this.log = log;
    this.pollInterval = pollInterval;
  }

  /** Starts {@code name} (latest version when {@code version} is null) and returns its id. */
  public String start(String name, Integer version, JsonNode input) {
    try {
      return client.startWorkflow(name, version, input);
    } catch (ConductorException e) {
      if (e.status() == 404) {
        throw new IdflowException(
            "Workflow '"
                + name
                + "'"
                + (version == null ? "" : " v" + version)
                + " is not registered in Conductor ("
                + e.serverMessage()
                + "); upload it first with 'mvn idflow:upload-workflows'",
            e);
      }
      throw e;
    }
  }

  /**
   * Polls the execution until it reaches a terminal state and returns it; fails when it ends in
   * anything but COMPLETED, or is still running after {@code timeout}.
   */
  public ObjectNode await(String workflowId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastStatus = null;
    while (true) {
      ObjectNode execution =
          client
              .getWorkflow(workflowId)
              .orElseThrow(
                  () ->
                      new IdflowException(
                          "Workflow execution " + workflowId + " disappeared from Conductor"));
      String status = execution.path("status").asText();
      if (!status.equals(lastStatus)) {
        log.info("Workflow " + workflowId + " is " + status);
        lastStatus = status;
      }
      if (TERMINAL.contains(status)) {
        if (!status.equals("COMPLETED")) {
          throw new IdflowException(failureMessage(execution));
        }
        return execution;
      }
      if (System.nanoTime() > deadline) {
        throw new IdflowException(
            "Workflow "
                + execution.path("workflowName").asText()
                + " ("
                + workflowId
                + ") is still "
                + status
                + " after "
                + timeout.toSeconds()
                + " s; raise idflow.wait or check its workers"
                + runningTasks(execution));
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IdflowException("Interrupted while waiting for workflow " + workflowId, e);
      }
    }
  }

  static String failureMessage(JsonNode execution) {
    StringBuilder text =
        new StringBuilder(
            "Workflow "
                + execution.path("workflowName").asText()
                + " v"
                + execution.path("workflowVersion").asText()
                + " ("
                + execution.path("workflowId").asText()
                + ") ended "
                + execution.path("status").asText());
    String reason = execution.path("reasonForIncompletion").asText("");
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    List<String> failed = new ArrayList<>();
    for (JsonNode task : execution.path("tasks")) {
      if (TASK_FAILED.contains(task.path("status").asText())) {
        failed.add(
            task.path("referenceTaskName").asText()
                + " ("
                + task.path("taskType").asText()
                + ") "
                + task.path("status").asText()
                + (task.path("reasonForIncompletion").asText("").isEmpty()
                    ? ""
                    : ": " + task.path("reasonForIncompletion").asText()));
      }
    }
    if (!failed.isEmpty()) {
      text.append(System.lineSeparator()).append("Failed tasks:");
      failed.forEach(f -> text.append(System.lineSeparator()).append("  ").append(f));
    }
    return text.toString();
  }

  private static String runningTasks(JsonNode execution) {
    List<String> open = new ArrayList<>();
    for (JsonNode task : execution.path("tasks")) {
      String s = task.path("status").asText();
      if (s.equals("SCHEDULED") || s.equals("IN_PROGRESS")) {
        open.add(
            task.path("referenceTaskName").asText()
                + " ("
                + task.path("taskType").asText()
                + ") "
                + s);
      }
    }
    return open.isEmpty() ? "" : System.lineSeparator() + "Waiting on: " + String.join(", ", open);
  }
}
