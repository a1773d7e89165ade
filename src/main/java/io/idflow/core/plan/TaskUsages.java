package io.idflow.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.WorkflowTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which workflows use which task definitions, at any depth: every task {@link WorkflowTasks} walks
 * (forks, switch cases, default cases, loops), an inline {@code taskDefinition}, the static task
 * list and {@code forkTaskName} of a dynamic fork, the literal task name of a dynamic task, and the
 * tasks of an inline sub-workflow definition. Errs on the side of "in use": any task whose name
 * equals a task definition's counts, whatever its type, since the server looks task definitions up
 * by name for system tasks too.
 */
public final class TaskUsages {

  /**
   * One use of a task definition.
   *
   * @param task the task definition's name
   * @param workflow the using workflow's name, or the event handler's
   * @param version the using workflow's version (0 for an event handler)
   * @param taskRef the reference name of the using task ({@code outer_ref > inner_ref} inside an
   *     inline sub-workflow), or the JSON pointer of an event handler's action
   * @param local where the user was read from when it is local only, else null
   * @param eventHandler whether the user is an event handler: {@code workflow} is its name
   */
  public record Usage(
      String task,
      String workflow,
      int version,
      String taskRef,
      String local,
      boolean eventHandler) {

    /** A use by a workflow. */
    public Usage(String task, String workflow, int version, String taskRef, String local) {
      this(task, workflow, version, taskRef, local, false);
    }

    /** A use by the action at {@code pointer} of the event handler {@code handler}. */
    public static Usage byEventHandler(String task, String handler, String pointer, String local) {
      return new Usage(task, handler, 0, pointer, local, true);
    }

    /**
     * {@code workflow order_flow v3 (task ref charge_ref)}, with {@code local} before it for a
     * local-only one; {@code event handler on_paid (at /actions/0/start_workflow)}.
     */
    public String describe() {
      if (eventHandler) {
        return (local != null ? "local event handler " : "event handler ")
            + workflow
            + " (at "
            + taskRef
            + ")";
      }
      return (local != null ? "local workflow " : "workflow ")
          + workflow
          + " v"
          + version
          + " (task ref "
          + taskRef
          + ")";
    }
  }

  private static final Comparator<Usage> ORDER =
      Comparator.comparing(Usage::workflow)
          .thenComparing(Usage::version)
          .thenComparing(u -> u.taskRef() == null ? "" : u.taskRef());

  private final Map<String, List<Usage>> byTask;
  private final List<Usage> atRunTime;

  private TaskUsages(Map<String, List<Usage>> byTask, List<Usage> atRunTime) {
    this.byTask = byTask;
    this.atRunTime = atRunTime;
  }

  /**
   * The uses in every version of every remote workflow and in every local workflow. A local use
   * that the server's copy of the same version has too is counted once, as the server's.
   */
  public static TaskUsages of(
      List<ObjectNode> remoteWorkflows, List<LocalDefinition> localWorkflows) {
    Map<String, Set<Usage>> found = new HashMap<>();
    Set<Usage> dynamic = new LinkedHashSet<>();
    for (ObjectNode wf : remoteWorkflows) {
      scan(wf, wf.path("name").asText(), wf.path("version").asInt(1), "", null, found, dynamic);
    }
    Map<String, Set<Usage>> local = new HashMap<>();
    Set<Usage> localDynamic = new LinkedHashSet<>();
    for (LocalDefinition wf : localWorkflows) {
      scan(wf.json(), wf.name(), wf.version(), "", wf.location(), local, localDynamic);
    }
    for (Usage use : localDynamic) {
      if (!dynamic.contains(
          new Usage(use.task(), use.workflow(), use.version(), use.taskRef(), null))) {
        dynamic.add(use);
      }
    }
    local.forEach(
        (task, uses) -> {
          Set<Usage> remote = found.computeIfAbsent(task, k -> new LinkedHashSet<>());
          Set<Usage> asRemote = new HashSet<>(remote);
          for (Usage use : uses) {
            if (!asRemote.contains(
                new Usage(use.task(), use.workflow(), use.version(), use.taskRef(), null))) {
              remote.add(use);
            }
          }
        });
    Map<String, List<Usage>> sorted = new HashMap<>();
    found.forEach((task, uses) -> sorted.put(task, uses.stream().sorted(ORDER).toList()));
    return new TaskUsages(sorted, dynamic.stream().sorted(ORDER).toList());
  }

  /**
   * The tasks that pick the task they run at run time: a {@code DYNAMIC} task whose name is an
   * expression, a {@code FORK_JOIN_DYNAMIC} whose forked tasks are. Whatever they run, this check
   * cannot see it. Each {@link Usage#task()} is the task's type.
   */
  public List<Usage> chosenAtRunTime() {
    return atRunTime;
  }

  /** The uses of {@code task}, sorted by workflow, version and reference; empty when unused. */
  public List<Usage> of(String task) {
    return byTask.getOrDefault(task, List.of());
  }

  public boolean isUsed(String task) {
    return byTask.containsKey(task);
  }

  /**
   * Records the uses in {@code holder}'s {@code tasks}, recursing into what the walker does not
   * reach.
   */
  private static void scan(
      JsonNode holder,
      String workflow,
      int version,
      String refPrefix,
      String local,
      Map<String, Set<Usage>> found,
      Set<Usage> dynamic) {
    for (WorkflowTasks.Located t : WorkflowTasks.all(holder)) {
      ObjectNode task = t.task();
      String ref = refPrefix + (t.referenceName() == null ? t.pointer() : t.referenceName());
      List<String> names = new ArrayList<>();
      names.add(t.name());
      if (task.get("taskDefinition") instanceof ObjectNode inline) {
        names.add(inline.path("name").asText(null));
      }
      JsonNode inputs = task.path("inputParameters");
      switch (t.type()) {
        case "FORK_JOIN_DYNAMIC" -> {
          String forkTask = literal(inputs.path("forkTaskName"));
          names.add(forkTask);
          String param = task.path("dynamicForkTasksParam").asText(null);
          JsonNode staticTasks = param == null ? null : inputs.get(param);
          if (staticTasks != null && staticTasks.isArray()) {
            ObjectNode wrapper = Json.NODES.objectNode();
            wrapper.set("tasks", staticTasks);
            scan(wrapper, workflow, version, ref + " > ", local, found, dynamic);
          } else if (forkTask == null && literal(inputs.path("forkTaskWorkflow")) == null) {
            dynamic.add(new Usage(t.type(), workflow, version, ref, local));
          }
        }
        case "DYNAMIC" -> {
          String param = task.path("dynamicTaskNameParam").asText(null);
          String name = param == null ? null : literal(inputs.path(param));
          if (name == null) {
            dynamic.add(new Usage(t.type(), workflow, version, ref, local));
          }
          names.add(name);
        }
        case "SUB_WORKFLOW" -> {
          ObjectNode inlineWorkflow = t.subWorkflow().orElseThrow().definition();
          if (inlineWorkflow != null) {
            scan(inlineWorkflow, workflow, version, ref + " > ", local, found, dynamic);
          }
        }
        default -> {}
      }
      for (String name : new LinkedHashSet<>(names)) {
        if (name != null && !name.isBlank()) {
          found
              .computeIfAbsent(name, k -> new LinkedHashSet<>())
              .add(new Usage(name, workflow, version, ref, local));
        }
      }
    }
  }

  /**
   * The text of a value that is fixed in the definition, or null for an expression resolved at run
   * time.
   */
  private static String literal(JsonNode value) {
    return value != null && value.isTextual() && !value.asText().contains("${")
        ? value.asText()
        : null;
  }
}
