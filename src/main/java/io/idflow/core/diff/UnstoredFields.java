package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.SubWorkflowParams;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import io.idflow.core.Json;
import io.idflow.core.WorkflowTasks;
import io.idflow.core.local.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Fields of a local definition that the server does not store. Conductor 3.32.3 silently drops JSON
 * fields it does not know ({@code "x-team": {...}} on a workflow, a new task field): comparing them
 * would report the definition as changed on every run, which for a workflow is drift that can
 * never be fixed, and for a task definition a rewrite on every build. A field is left out of the
 * comparison only when conductor-common does not know it either and the server's copy lacks it; a
 * server that keeps it returns it, and then it is compared like any other field.
 */
final class UnstoredFields {
  private static final Map<Class<?>, Set<String>> KNOWN = new ConcurrentHashMap<>();

  private UnstoredFields() {}

  /** Removes from {@code local} (a normalised copy) the fields the server's normalised copy shows it did not store. */
  static void drop(Kind kind, ObjectNode remote, ObjectNode local) {
    if (kind == Kind.TASK) {
      drop(remote, local, TaskDef.class);
      return;
    }
    drop(remote, local, WorkflowDef.class);
    Map<String, ObjectNode> remoteTasks = new HashMap<>();
    for (WorkflowTasks.Located t : WorkflowTasks.all(remote)) {
      if (t.referenceName() != null) {
        remoteTasks.putIfAbsent(t.referenceName(), t.task());
      }
    }
    for (WorkflowTasks.Located t : WorkflowTasks.all(local)) {
      ObjectNode theirs = t.referenceName() == null ? null : remoteTasks.get(t.referenceName());
      if (theirs != null) {
        drop(theirs, t.task(), WorkflowTask.class);
        drop(theirs.get("taskDefinition"), t.task().get("taskDefinition"), TaskDef.class);
        drop(theirs.get("subWorkflowParam"), t.task().get("subWorkflowParam"), SubWorkflowParams.class);
      }
    }
  }

  private static void drop(JsonNode remote, JsonNode local, Class<?> type) {
    if (!(remote instanceof ObjectNode theirs) || !(local instanceof ObjectNode mine)) {
      return;
    }
    Set<String> known = KNOWN.computeIfAbsent(type, UnstoredFields::properties);
    List<String> unstored = new ArrayList<>();
    mine.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name) && !theirs.has(name)) {
        unstored.add(name);
      }
    });
    mine.remove(unstored);
  }

  private static Set<String> properties(Class<?> type) {
    JavaType javaType = Json.MAPPER.constructType(type);
    return Json.MAPPER.getDeserializationConfig().introspect(javaType).findProperties().stream()
        .map(BeanPropertyDefinition::getName)
        .collect(Collectors.toUnmodifiableSet());
  }
}
