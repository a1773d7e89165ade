package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.WorkflowTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Conductor 3.32 requires of each task by its type when it registers a workflow (its core
 * module's {@code WorkflowTaskTypeConstraint}, which conductor-common does not carry), with the
 * server's messages. The server applies it to the tasks it validates in depth: those of {@code
 * tasks}, {@code forkTasks}, {@code decisionCases} and {@code defaultCase}, not those inside a
 * DO_WHILE's {@code loopOver}.
 *
 * <p>HTTP, KAFKA_PUBLISH and JSON_JQ_TRANSFORM tasks may take their request from the inputTemplate
 * of their task definition: inline, the plugin decides; otherwise the server looks the definition
 * up by name, so the plugin accepts a local definition that has it and only warns when there is
 * none.
 */
final class TaskTypeRules {

  private static final String REQUIRED = "%s field is required for taskType: %s taskName: %s";
  private static final String AT_LEAST_ONE =
      "%s should have atleast one task for taskType: %s taskName: %s";
  private static final Set<String> TERMINATION_STATUSES =
      Set.of("COMPLETED", "FAILED", "TERMINATED");

  private TaskTypeRules() {}

  /**
   * The findings on every task of {@code workflow}; {@code localTasks}: the task definitions in
   * local files.
   */
  static List<Finding> check(JsonNode workflow, Map<String, LocalDefinition> localTasks) {
    List<Finding> out = new ArrayList<>();
    for (WorkflowTasks.Located t : WorkflowTasks.all(workflow)) {
      if (!t.pointer().contains("/loopOver/")) {
        check(t, localTasks, out);
      }
    }
    return out;
  }

  private static void check(
      WorkflowTasks.Located t, Map<String, LocalDefinition> localTasks, List<Finding> out) {
    ObjectNode task = t.task();
    String at = t.pointer();
    String name = t.name();
    String type = t.type();
    JsonNode inputs = task.has("inputParameters") ? task.get("inputParameters") : task.objectNode();
    switch (type) {
      case "EVENT" -> require(task, "sink", type, name, at, out);
      case "DECISION" -> {
        if (absent(task, "caseValueParam") && absent(task, "caseExpression")) {
          out.add(
              Finding.error(
                  at, String.format(REQUIRED, "caseValueParam or caseExpression", type, name)));
        }
        cases(task, type, name, at, out);
        script(task, "caseExpression", type, name, at, out);
      }
      case "SWITCH" -> {
        if (absent(task, "evaluatorType")) {
          out.add(
              Finding.error(
                  at + "/evaluatorType", String.format(REQUIRED, "evaluatorType", type, name)));
        } else {
          require(task, "expression", type, name, at, out);
        }
        cases(task, type, name, at, out);
        if ("javascript".equals(task.path("evaluatorType").asText(null))) {
          script(task, "expression", type, name, at, out);
        }
      }
      case "DYNAMIC" -> require(task, "dynamicTaskNameParam", type, name, at, out);
      case "FORK_JOIN_DYNAMIC" -> dynamicFork(task, inputs, type, name, at, out);
      case "HTTP" ->
          fromTemplate(
              task,
              inputs,
              List.of("http_request", "uri", "method"),
              "http_request",
              "inputParameters.http_request or inputParameters.uri",
              type,
              name,
              at,
              localTasks,
              out);
      case "FORK_JOIN" -> {
        if (!task.has("forkTasks")
            || task.get("forkTasks").isArray() && task.get("forkTasks").isEmpty()) {
          out.add(
              Finding.error(
                  at + "/forkTasks", String.format(AT_LEAST_ONE, "forkTasks", type, name)));
        }
      }
      case "TERMINATE" -> terminate(task, inputs, name, at, out);
      case "KAFKA_PUBLISH" ->
          fromTemplate(
              task,
              inputs,
              List.of("kafka_request"),
              "kafka_request",
              "inputParameters.kafka_request",
              type,
              name,
              at,
              localTasks,
              out);
      case "DO_WHILE" -> {
        require(task, "loopCondition", type, name, at, out);
        if (absent(task, "loopOver") || task.get("loopOver").isEmpty()) {
          out.add(Finding.error(at + "/loopOver", String.format(REQUIRED, "loopOver", type, name)));
        }
      }
      case "SUB_WORKFLOW" -> require(task, "subWorkflowParam", type, name, at, out);
      case "JSON_JQ_TRANSFORM" ->
          fromTemplate(
              task,
              inputs,
              List.of("queryExpression"),
              "queryExpression",
              "inputParameters.queryExpression",
              type,
              name,
              at,
              localTasks,
              out);
      case "WAIT" -> {
        if (inputsPresent(inputs, type, at, out)) {
          out.addAll(WaitTimes.check(inputs, at));
        }
      }
      default -> {
        // no rule for this type
      }
    }
  }

  /** Missing or null: what the server's Java object holds as null. */
  private static boolean absent(JsonNode task, String field) {
    return !task.hasNonNull(field);
  }

  private static void require(
      JsonNode task, String field, String type, String name, String at, List<Finding> out) {
    if (absent(task, field)) {
      out.add(Finding.error(at + "/" + field, String.format(REQUIRED, field, type, name)));
    }
  }

  /**
   * DECISION and SWITCH: {@code decisionCases} not null (absent is an empty object) and not empty.
   */
  private static void cases(JsonNode task, String type, String name, String at, List<Finding> out) {
    if (task.has("decisionCases") && task.get("decisionCases").isNull()) {
      out.add(
          Finding.error(
              at + "/decisionCases", String.format(REQUIRED, "decisionCases", type, name)));
    } else if (task.path("decisionCases").isEmpty()) {
      out.add(
          Finding.error(
              at + "/decisionCases", String.format(AT_LEAST_ONE, "decisionCases", type, name)));
    }
  }

  /**
   * The server parses the script (GraalJS) to refuse syntax errors; the plugin refuses the ones it
   * can tell.
   */
  private static void script(
      JsonNode task, String field, String type, String name, String at, List<Finding> out) {
    JsonNode script = task.get(field);
    String problem =
        script != null && script.isValueNode() && !script.isNull()
            ? ScriptSyntax.problem(script.asText())
            : null;
    if (problem != null) {
      out.add(
          Finding.error(
              at + "/" + field,
              "Expression is not well formatted: SyntaxError: "
                  + problem
                  + ", taskType: "
                  + type
                  + " taskName "
                  + name));
    }
  }

  /**
   * FORK_JOIN_DYNAMIC: {@code forkTaskInputs} in the inputs is enough; else either the legacy
   * {@code dynamicForkJoinTasksParam} alone, or both {@code dynamicForkTasksParam} and {@code
   * dynamicForkTasksInputParamName}.
   */
  private static void dynamicFork(
      JsonNode task, JsonNode inputs, String type, String name, String at, List<Finding> out) {
    if (inputs.isObject() && inputs.has("forkTaskInputs")) {
      return;
    }
    boolean legacy = !absent(task, "dynamicForkJoinTasksParam");
    if (legacy
        && (!absent(task, "dynamicForkTasksParam")
            || !absent(task, "dynamicForkTasksInputParamName"))) {
      out.add(
          Finding.error(
              at,
              String.format(
                  "dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName"
                      + " and dynamicForkTasksParam cam be used for taskType: %s taskName: %s",
                  type, name)));
    } else if (!legacy) {
      require(task, "dynamicForkTasksParam", type, name, at, out);
      require(task, "dynamicForkTasksInputParamName", type, name, at, out);
    }
  }

  /**
   * HTTP, KAFKA_PUBLISH, JSON_JQ_TRANSFORM: one of {@code inputKeys} among the inputs, or {@code
   * templateKey} in the inputTemplate of the task definition: the inline one when there is one,
   * else the server's of that name.
   */
  private static void fromTemplate(
      JsonNode task,
      JsonNode inputs,
      List<String> inputKeys,
      String templateKey,
      String what,
      String type,
      String name,
      String at,
      Map<String, LocalDefinition> localTasks,
      List<Finding> out) {
    if (inputs.isObject() && inputKeys.stream().anyMatch(inputs::has)) {
      return;
    }
    String message = String.format(REQUIRED, what, type, name);
    if (task.hasNonNull("taskDefinition")) {
      if (!task.get("taskDefinition").path("inputTemplate").has(templateKey)) {
        out.add(Finding.error(at + "/inputParameters", message));
      }
      return;
    }
    LocalDefinition local = name == null ? null : localTasks.get(name);
    if (local == null || !local.json().path("inputTemplate").has(templateKey)) {
      out.add(
          Finding.warning(
              at + "/inputParameters",
              message
                  + "; the server accepts it only if its task definition '"
                  + name
                  + "' has inputTemplate."
                  + templateKey
                  + (local == null
                      ? " (no local file defines it)"
                      : ", which the local one has not")));
    }
  }

  private static void terminate(
      JsonNode task, JsonNode inputs, String name, String at, List<Finding> out) {
    if (task.path("optional").asBoolean(false)) {
      out.add(
          Finding.error(
              at + "/optional",
              String.format("terminate task cannot be optional, taskName: %s", name)));
    }
    if (!inputsPresent(inputs, "TERMINATE", at, out)) {
      return;
    }
    JsonNode status = inputs.get("terminationStatus");
    if (status == null
        || !status.isTextual()
        || !TERMINATION_STATUSES.contains(status.textValue())) {
      out.add(
          Finding.error(
              at + "/inputParameters/terminationStatus",
              String.format(
                      "terminate task must have an terminationStatus parameter and must be set to"
                          + " COMPLETED or FAILED, taskName: %s",
                      name)
                  + (status == null ? "" : " (found " + status + ")")));
    }
  }

  /**
   * WAIT and TERMINATE read their inputs unguarded: with {@code "inputParameters": null} the server
   * fails (500).
   */
  private static boolean inputsPresent(JsonNode inputs, String type, String at, List<Finding> out) {
    if (inputs.isObject()) {
      return true;
    }
    out.add(
        Finding.error(
            at + "/inputParameters",
            "must be an object for taskType: "
                + type
                + ", found "
                + DefinitionLoader.describe(inputs)
                + " (the server fails on it: HV000028: Unexpected exception during isValid"
                + " call.)"));
    return false;
  }
}
