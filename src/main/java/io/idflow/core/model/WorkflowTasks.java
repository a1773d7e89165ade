package io.idflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Pointers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one vocabulary of a workflow's tasks: the walk over every task at any depth (the top-level
 * {@code tasks} and the tasks nested in {@code forkTasks}, {@code decisionCases}, {@code
 * defaultCase} and {@code loopOver}), the reading of a sub-workflow reference, and the rule for
 * which tasks need a task definition. Validation, the diff, the usage and missing-reference checks
 * all use it.
 */
public final class WorkflowTasks {

  /** A list of tasks nested in a task, and its JSON pointer. */
  public record Child(String pointer, JsonNode tasks) {}

  /**
   * A SUB_WORKFLOW task's reference to the workflow it starts.
   *
   * @param name the workflow's name; null when the task names none
   * @param version the version it pins, or null for the latest; {@code 2} and {@code "2"} both pin
   *     version 2, as the server reads them
   * @param inline whether the task carries the workflow's definition ({@code workflowDefinition}):
   *     it needs none stored on the server
   * @param computed whether the name is an expression resolved at run time
   * @param definition the inline definition when it is a JSON object, else null
   * @param versionComputed whether the version is an expression resolved at run time: any version
   *     may run
   */
  public record SubWorkflowRef(
      String name,
      Integer version,
      boolean inline,
      boolean computed,
      ObjectNode definition,
      boolean versionComputed) {

    /** Whether the server must hold the named workflow for this task to run. */
    public boolean needsStored() {
      return !inline && !computed && name != null;
    }
  }

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

    /** The workflow a SUB_WORKFLOW task starts, or empty for other types. */
    public Optional<SubWorkflowRef> subWorkflow() {
      if (!"SUB_WORKFLOW".equals(type())) {
        return Optional.empty();
      }
      return Optional.of(reference(task.path("subWorkflowParam")));
    }

    /**
     * The workflow a START_WORKFLOW task starts ({@code inputParameters.startWorkflow}), or empty
     * for other types. It runs on its own: nothing inline, the stored definition is started.
     */
    public Optional<SubWorkflowRef> startedWorkflow() {
      if (!"START_WORKFLOW".equals(type())) {
        return Optional.empty();
      }
      return Optional.of(reference(task.path("inputParameters").path("startWorkflow")));
    }

    /**
     * Whether the server needs a task definition of this task's name to run it as written: a SIMPLE
     * task that carries no inline {@code taskDefinition} (without one Conductor runs it with
     * default retries and timeouts).
     */
    public boolean needsTaskDefinition() {
      return "SIMPLE".equals(type())
          && name() != null
          && !(task.get("taskDefinition") instanceof ObjectNode);
    }
  }

  private WorkflowTasks() {}

  /** Every task of {@code workflow}, parents before their children, in document order. */
  public static List<Located> all(JsonNode workflow) {
    List<Located> out = new ArrayList<>();
    walkList(workflow.path("tasks"), "/tasks", out);
    return out;
  }

  /**
   * The lists of tasks nested in {@code task} that hold tasks by their shape: {@code defaultCase}
   * and {@code loopOver} when given, each {@code forkTasks} branch when {@code forkTasks} is an
   * array, each {@code decisionCases} value when it is an object. {@code here} is the task's
   * pointer.
   */
  public static List<Child> children(JsonNode task, String here) {
    List<Child> out = new ArrayList<>();
    for (String field : List.of("defaultCase", "loopOver")) {
      if (task.has(field)) {
        out.add(new Child(here + "/" + field, task.get(field)));
      }
    }
    JsonNode forks = task.path("forkTasks");
    for (int f = 0; forks.isArray() && f < forks.size(); f++) {
      out.add(new Child(here + "/forkTasks/" + f, forks.get(f)));
    }
    JsonNode cases = task.path("decisionCases");
    if (cases.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new Child(here + "/decisionCases/" + Pointers.escape(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  /**
   * A reference read from an object with {@code name}, {@code version}, maybe an inline definition.
   */
  private static SubWorkflowRef reference(JsonNode param) {
    String name = param.path("name").isTextual() ? param.path("name").asText() : null;
    boolean computed = name == null || name.isBlank() || name.contains("${");
    JsonNode version = param.path("version");
    return new SubWorkflowRef(
        name == null || name.isBlank() ? null : name,
        pinnedVersion(version),
        param.has("workflowDefinition"),
        computed,
        param.get("workflowDefinition") instanceof ObjectNode d ? d : null,
        version.isTextual() && version.asText().contains("${"));
  }

  /**
   * A pinned version: a whole number, or a string of one; null when the reference takes the latest.
   */
  private static Integer pinnedVersion(JsonNode version) {
    if (version.isIntegralNumber() && version.canConvertToInt()) {
      return version.intValue();
    }
    if (version.isTextual() && version.asText().trim().matches("\\d{1,9}")) {
      return Integer.parseInt(version.asText().trim());
    }
    return null;
  }

  private static void walkList(JsonNode tasks, String pointer, List<Located> out) {
    if (!tasks.isArray()) {
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) instanceof ObjectNode task) {
        String here = pointer + "/" + i;
        out.add(new Located(here, task));
        for (Child child : children(task, here)) {
          walkList(child.tasks(), child.pointer(), out);
        }
      }
    }
  }
}
