package io.idflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The workflows that definitions other than workflows start: an event handler's {@code
 * start_workflow} actions, a schedule's {@code startWorkflowRequest}.
 */
public final class StartedWorkflows {

  private StartedWorkflows() {}

  /**
   * A workflow an event handler starts.
   *
   * @param pointer the JSON pointer of the object that names the workflow
   * @param name the workflow's name
   * @param version the version it starts, or null for the latest
   */
  public record Started(String pointer, String name, Integer version) {

    /** {@code order_flow v2}, or the name alone for the latest. */
    @Override
    public String toString() {
      return version == null ? name : name + " v" + version;
    }
  }

  /**
   * The workflows that {@code definition}, of {@code kind}, starts, in order: an event handler's
   * {@code start_workflow} actions, a schedule's {@code startWorkflowRequest}; none for other
   * kinds. References without a workflow name are left out (validation reports them).
   */
  public static List<Started> of(Kind kind, JsonNode definition) {
    List<Started> out = new ArrayList<>();
    if (kind == Kind.EVENT_HANDLER) {
      JsonNode actions = definition.path("actions");
      for (int i = 0; i < actions.size(); i++) {
        add("/actions/" + i + "/start_workflow", actions.get(i).path("start_workflow"), out);
      }
    } else if (kind == Kind.SCHEDULE) {
      add("/startWorkflowRequest", definition.path("startWorkflowRequest"), out);
    }
    return out;
  }

  private static void add(String pointer, JsonNode start, List<Started> out) {
    JsonNode name = start.path("name");
    if (name.isTextual() && !name.asText().isBlank()) {
      JsonNode version = start.path("version");
      out.add(
          new Started(
              pointer,
              name.asText(),
              version.canConvertToInt() && version.isIntegralNumber() ? version.intValue() : null));
    }
  }
}
