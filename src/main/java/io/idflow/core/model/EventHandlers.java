package io.idflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What an event handler refers to: the workflows its {@code start_workflow} actions start. */
public final class EventHandlers {

  private EventHandlers() {}

  /**
   * A workflow an event handler starts.
   *
   * @param pointer the JSON pointer of the action's {@code start_workflow} object
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
   * The workflows that {@code handler}'s {@code start_workflow} actions start, in action order;
   * actions without a workflow name are left out (validation reports them).
   */
  public static List<Started> startedWorkflows(JsonNode handler) {
    List<Started> out = new ArrayList<>();
    JsonNode actions = handler.path("actions");
    for (int i = 0; i < actions.size(); i++) {
      JsonNode start = actions.get(i).path("start_workflow");
      JsonNode name = start.path("name");
      if (name.isTextual() && !name.asText().isBlank()) {
        JsonNode version = start.path("version");
        out.add(
            new Started(
                "/actions/" + i + "/start_workflow",
                name.asText(),
                version.canConvertToInt() && version.isIntegralNumber()
                    ? version.intValue()
                    : null));
      }
    }
    return out;
  }
}
