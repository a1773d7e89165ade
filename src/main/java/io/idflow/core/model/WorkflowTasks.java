package io.idflow.core.model;

import io.idflow.core.Pointers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Walks every task of a workflow definition at any depth: the top-level {@code tasks} and the tasks
 * nested in {@code forkTasks}, {@code decisionCases}, {@code defaultCase} and {@code loopOver}.
 * Validation, the diff's defaults, usage checks and missing-reference checks all use this one walk.
 */
public final class WorkflowTasks {

  /** A task and where it sits: its JSON pointer inside the workflow definition. */
  public record Located(String pointer, ObjectNode task) {

    public String type() {
      return task.path("type").asText("SIMPLE");
    }

    public String name() {
      return task.path("name").asText(null);
    }

    public String referenceName() {
      return task.path("taskReferenceName").asText(null);
    }
  }

  private WorkflowTasks() {}

  /** Every task of {@code workflow}, parents before their children, in document order. */
  public static List<Located> all(JsonNode workflow) {
    List<Located> out = new ArrayList<>();
    walkList(workflow.path("tasks"), "/tasks", out);
    return out;
  }

  private static void walkList(JsonNode tasks, String pointer, List<Located> out) {
    if (!tasks.isArray()) {
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) instanceof ObjectNode task) {
        String here = pointer + "/" + i;
        out.add(new Located(here, task));
        for (String child : List.of("defaultCase", "loopOver")) {
          walkList(task.path(child), here + "/" + child, out);
        }
        JsonNode forks = task.path("forkTasks");
        for (int f = 0; forks.isArray() && f < forks.size(); f++) {
          walkList(forks.get(f), here + "/forkTasks/" + f, out);
        }
        JsonNode cases = task.path("decisionCases");
        if (cases.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walkList(e.getValue(), here + "/decisionCases/" + Pointers.escape(e.getKey()), out);
          }
        }
      }
    }
  }
}
