package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event handler checked as conductor-oss 3.32 reads it: conductor-common's constraints (an
 * event, at least one action; the name is the loader's), an action type the server knows, and the
 * fields each action needs to do anything. The server stores an action without them and fails, or
 * does nothing, only when the event comes.
 */
final class EventHandlerRules {

  /** Each action type and the fields its object must hold; {@code |} separates alternatives. */
  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "start_workflow", List.of("name"),
          "complete_task", List.of("workflowId+taskRefName|taskId"),
          "fail_task", List.of("workflowId+taskRefName|taskId"),
          "terminate_workflow", List.of("workflowId"),
          "update_workflow_variables", List.of("workflowId", "variables"),
          "start_agent", List.of("name"));

  private static final List<String> TYPES =
      List.of(
          "start_workflow",
          "complete_task",
          "fail_task",
          "terminate_workflow",
          "update_workflow_variables",
          "start_agent");

  private EventHandlerRules() {}

  static List<Finding> check(JsonNode handler) {
    List<Finding> out = new ArrayList<>();
    JsonNode event = handler.path("event");
    if (!event.isTextual() || event.asText().isBlank()) {
      out.add(
          Finding.error(
              "/event",
              "Missing event location: set 'event' to what the handler listens to, such as"
                  + " conductor:<workflow name>:<event name> or sqs:<queue>"));
    }
    JsonNode actions = handler.path("actions");
    if (!actions.isArray() || actions.isEmpty()) {
      out.add(
          Finding.error(
              "/actions",
              "No actions specified. Please specify at-least one action"
                  + (actions.isMissingNode() || actions.isArray() ? "" : " (found no array)")));
    } else {
      for (int i = 0; i < actions.size(); i++) {
        action(actions.get(i), "/actions/" + i, out);
      }
    }
    if (!handler.has("active")) {
      out.add(
          Finding.warning(
              "/active",
              "'active' is not set: Conductor stores the handler inactive, and it never runs;"
                  + " write \"active\": true (or false to keep it off)"));
    } else if (!handler.get("active").isBoolean()) {
      out.add(Finding.error("/active", "'active' must be true or false"));
    }
    return out;
  }

  private static void action(JsonNode action, String at, List<Finding> out) {
    if (!action.isObject()) {
      out.add(Finding.error(at, "an action must be an object with an 'action' type"));
      return;
    }
    String type = action.path("action").asText("");
    if (!TYPES.contains(type)) {
      out.add(
          Finding.error(
              at + "/action",
              (action.has("action") ? "unknown action '" + type + "'" : "no 'action' type")
                  + ": use one of "
                  + String.join(", ", TYPES)));
      return;
    }
    JsonNode body = action.path(type);
    if (!body.isObject()) {
      out.add(
          Finding.error(
              at + "/" + type,
              "a " + type + " action needs a '" + type + "' object that says what to do"));
      return;
    }
    for (String rule : REQUIRED.get(type)) {
      if (!satisfied(body, rule)) {
        out.add(
            Finding.error(
                at + "/" + type,
                "a "
                    + type
                    + " action needs "
                    + rule.replace("+", " and ").replace("|", ", or ")
                    + " (a non-empty value)"));
      }
    }
    JsonNode version = body.path("version");
    if (type.equals("start_workflow")
        && !version.isMissingNode()
        && !version.isNull()
        && !(version.isIntegralNumber() && version.asLong() >= 1)) {
      out.add(
          Finding.error(
              at + "/start_workflow/version",
              "the version to start must be a whole number from 1, found "
                  + DefinitionLoader.describe(version)
                  + "; leave it out to start the latest"));
    }
  }

  private static boolean satisfied(JsonNode body, String rule) {
    for (String alternative : rule.split("\\|")) {
      boolean all = true;
      for (String field : alternative.split("\\+")) {
        JsonNode value = body.path(field);
        all &=
            value.isObject() || value.isTextual() && !value.asText().isBlank() || value.isNumber();
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
