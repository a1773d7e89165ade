package io.idflow.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.StartedWorkflows;
import io.idflow.core.model.WorkflowTasks;
import io.idflow.core.model.WorkflowTasks.SubWorkflowRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which workflows start which workflow versions, at any depth: SUB_WORKFLOW tasks (and the tasks of
 * their inline definitions), START_WORKFLOW tasks, {@code failureWorkflow}, and the {@code
 * start_workflow} actions of event handlers. A reference pins a version, takes the latest (no
 * version), or any version (an expression); a reference whose name is an expression may start any
 * workflow and is {@link #chosenAtRunTime()}.
 */
public final class WorkflowReferences {

  /**
   * One reference to a workflow.
   *
   * @param target the referenced workflow's name
   * @param version the version it pins, or null for the latest
   * @param anyVersion whether the version is an expression: any version may run
   * @param usage who refers: {@link TaskUsages.Usage#task()} is the referenced name
   */
  public record Reference(
      String target, Integer version, boolean anyVersion, TaskUsages.Usage usage) {}

  private static final Comparator<Reference> ORDER =
      Comparator.comparing((Reference r) -> r.usage().workflow())
          .thenComparing(r -> r.usage().version())
          .thenComparing(r -> r.usage().taskRef());

  private final Map<String, List<Reference>> byTarget;
  private final List<TaskUsages.Usage> atRunTime;

  private WorkflowReferences(
      Map<String, List<Reference>> byTarget, List<TaskUsages.Usage> atRunTime) {
    this.byTarget = byTarget;
    this.atRunTime = atRunTime;
  }

  /** The references in every version of every remote workflow and in every local workflow. */
  public static WorkflowReferences of(List<ObjectNode> remote, List<LocalDefinition> local) {
    return of(remote, local, List.of(), List.of());
  }

  /**
   * The references in every version of every remote workflow and in every local workflow, and the
   * {@code start_workflow} actions of the server's and the local event handlers.
   */
  public static WorkflowReferences of(
      List<ObjectNode> remote,
      List<LocalDefinition> local,
      List<ObjectNode> remoteHandlers,
      List<LocalDefinition> localHandlers) {
    Map<String, Set<Reference>> found = new HashMap<>();
    Set<TaskUsages.Usage> dynamic = new LinkedHashSet<>();
    for (ObjectNode wf : remote) {
      scan(wf, wf.path("name").asText(), wf.path("version").asInt(1), "", null, found, dynamic);
    }
    for (LocalDefinition wf : local) {
      scan(wf.json(), wf.name(), wf.version(), "", wf.location(), found, dynamic);
    }
    for (ObjectNode handler : remoteHandlers) {
      started(handler, handler.path("name").asText(), null, found, dynamic);
    }
    for (LocalDefinition handler : localHandlers) {
      started(handler.json(), handler.name(), handler.location(), found, dynamic);
    }
    Map<String, List<Reference>> sorted = new HashMap<>();
    found.forEach((name, refs) -> sorted.put(name, refs.stream().sorted(ORDER).toList()));
    return new WorkflowReferences(sorted, List.copyOf(dynamic));
  }

  /** The references to {@code name}, sorted by the referring workflow. */
  public List<Reference> to(String name) {
    return byTarget.getOrDefault(name, List.of());
  }

  /** The tasks whose referenced workflow's name is an expression: they may start any workflow. */
  public List<TaskUsages.Usage> chosenAtRunTime() {
    return atRunTime;
  }

  private static void scan(
      JsonNode workflow,
      String name,
      int version,
      String refPrefix,
      String local,
      Map<String, Set<Reference>> found,
      Set<TaskUsages.Usage> dynamic) {
    String failure = workflow.path("failureWorkflow").asText("");
    if (!failure.isBlank()) {
      JsonNode pinned = workflow.path("failureWorkflowVersion");
      add(
          failure,
          pinned.canConvertToInt() && pinned.isIntegralNumber() ? pinned.intValue() : null,
          false,
          new TaskUsages.Usage(
              "failureWorkflow", name, version, refPrefix + "failureWorkflow", local),
          found,
          dynamic);
    }
    for (WorkflowTasks.Located t : WorkflowTasks.all(workflow)) {
      String ref = refPrefix + (t.referenceName() == null ? t.pointer() : t.referenceName());
      List<SubWorkflowRef> refs = new ArrayList<>();
      t.subWorkflow().ifPresent(refs::add);
      t.startedWorkflow().ifPresent(refs::add);
      for (SubWorkflowRef r : refs) {
        if (r.definition() != null) {
          // The server runs the inline copy: it refers to nothing stored, but its own tasks may.
          scan(r.definition(), name, version, ref + " > ", local, found, dynamic);
          continue;
        }
        if (r.inline()) {
          continue;
        }
        TaskUsages.Usage usage = new TaskUsages.Usage(t.type(), name, version, ref, local);
        add(
            r.computed() ? null : r.name(),
            r.version(),
            r.versionComputed(),
            usage,
            found,
            dynamic);
      }
    }
  }

  private static void started(
      JsonNode handler,
      String name,
      String local,
      Map<String, Set<Reference>> found,
      Set<TaskUsages.Usage> dynamic) {
    for (StartedWorkflows.Started s : StartedWorkflows.of(Kind.EVENT_HANDLER, handler)) {
      add(
          s.name(),
          s.version(),
          false,
          TaskUsages.Usage.byEventHandler(s.name(), name, s.pointer(), local),
          found,
          dynamic);
    }
  }

  private static void add(
      String target,
      Integer version,
      boolean anyVersion,
      TaskUsages.Usage usage,
      Map<String, Set<Reference>> found,
      Set<TaskUsages.Usage> dynamic) {
    if (target == null || target.contains("${")) {
      dynamic.add(usage);
      return;
    }
    TaskUsages.Usage named =
        new TaskUsages.Usage(
            target,
            usage.workflow(),
            usage.version(),
            usage.taskRef(),
            usage.local(),
            usage.eventHandler());
    found
        .computeIfAbsent(target, k -> new LinkedHashSet<>())
        .add(new Reference(target, version, anyVersion, named));
  }
}
