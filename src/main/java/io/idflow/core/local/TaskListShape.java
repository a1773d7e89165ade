package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.model.WorkflowTasks;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a workflow's task lists: every place that holds tasks ({@code tasks}, each {@code
 * forkTasks} branch, each {@code decisionCases} value, {@code defaultCase}, {@code loopOver}) must
 * be an array of objects, and a task's {@code type}, when given, a string. conductor-common's
 * constraints dereference every entry and would crash on anything else, so a workflow is fit for
 * them only when this finds nothing.
 */
final class TaskListShape {

  private TaskListShape() {}

  static List<Finding> check(JsonNode workflow) {
    List<Finding> out = new ArrayList<>();
    checkList(workflow.path("tasks"), "/tasks", out);
    return out;
  }

  private static void checkList(JsonNode list, String pointer, List<Finding> out) {
    if (list.isMissingNode()) {
      return; // absent: conductor-common's defaults apply
    }
    if (!list.isArray()) {
      out.add(
          Finding.error(
              pointer,
              "must be an array of tasks, found "
                  + DefinitionLoader.describe(list)
                  + (list.isNull() ? "; leave it out instead" : "")));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode task = list.get(i);
      String here = pointer + "/" + i;
      if (!task.isObject()) {
        out.add(
            Finding.error(
                here, "must be a task (a JSON object), found " + DefinitionLoader.describe(task)));
        continue;
      }
      JsonNode type = task.get("type");
      if (type != null && !type.isTextual()) {
        out.add(
            Finding.error(
                here + "/type",
                "'type' must be a string such as \"SIMPLE\", found "
                    + DefinitionLoader.describe(type)));
      }
      for (WorkflowTasks.Child child : WorkflowTasks.children(task, here)) {
        checkList(child.tasks(), child.pointer(), out);
      }
      // The walker reaches only the shapes that hold tasks; any other value of these two fields is
      // an error.
      JsonNode forks = task.path("forkTasks");
      if (!forks.isMissingNode() && !forks.isArray()) {
        out.add(
            Finding.error(
                here + "/forkTasks",
                "must be an array of fork branches (arrays of tasks), found "
                    + DefinitionLoader.describe(forks)));
      }
      JsonNode cases = task.path("decisionCases");
      if (!cases.isMissingNode() && !cases.isObject()) {
        out.add(
            Finding.error(
                here + "/decisionCases",
                "must be an object of case name to array of tasks, found "
                    + DefinitionLoader.describe(cases)));
      }
    }
  }
}
