package io.idflow.core.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.model.WorkflowTasks;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds what the local definitions need from Conductor that it lacks: local workflow versions,
 * required workflows, sub-workflows referenced at any depth, and task definitions of SIMPLE tasks.
 * Reads the server with two requests (all workflow defs, all task defs) and writes nothing.
 */
public final class MissingChecker {

  private MissingChecker() {}

  /** Fetches the server's definitions once each and checks {@code defs} and {@code required} against them. */
  public static MissingReport check(ConductorClient client, LocalDefinitions defs, List<RequiredWorkflow> required) {
    List<ObjectNode> workflows = client.getWorkflowDefs();
    List<ObjectNode> tasks = client.getTaskDefs();
    return evaluate(defs, required, workflows, tasks);
  }

  /** The check itself, on definitions already fetched. */
  public static MissingReport evaluate(
      LocalDefinitions defs, List<RequiredWorkflow> required, List<ObjectNode> remoteWorkflows, List<ObjectNode> remoteTasks) {
    Map<String, Map<Integer, ObjectNode>> serverWorkflows = new HashMap<>();
    for (ObjectNode wf : remoteWorkflows) {
      serverWorkflows.computeIfAbsent(wf.path("name").asText(), k -> new HashMap<>()).put(wf.path("version").asInt(1), wf);
    }
    Map<String, ObjectNode> serverTasks = new HashMap<>();
    remoteTasks.forEach(t -> serverTasks.put(t.path("name").asText(), t));
    ServerModel workflowModel = ServerModel.conductorOss().learn(Kind.WORKFLOW, remoteWorkflows);
    ServerModel taskModel = ServerModel.conductorOss().learn(Kind.TASK, remoteTasks);

    // Who needs which workflow (name + version, or name alone) and which task def, in a stable order.
    Map<WorkflowKey, Set<String>> workflowUsers = new TreeMap<>();
    Map<WorkflowKey, LocalDefinition> localWorkflows = new HashMap<>();
    Map<String, Set<String>> taskUsers = new TreeMap<>();
    int subWorkflowRefs = 0;
    int simpleTasks = 0;
    for (LocalDefinition wf : defs.workflows()) {
      WorkflowKey key = new WorkflowKey(wf.name(), wf.version());
      localWorkflows.put(key, wf);
      users(workflowUsers, key).add("defined in " + wf.location());
    }
    for (RequiredWorkflow r : required) {
      users(workflowUsers, new WorkflowKey(r.name(), r.version())).add("listed in idflow.requiredWorkflows");
    }
    for (LocalDefinition wf : defs.workflows()) {
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        String user = wf.id() + " (task ref " + t.referenceName() + ")";
        if ("SUB_WORKFLOW".equals(t.type())) {
          JsonNode param = t.task().path("subWorkflowParam");
          String sub = param.path("name").asText(null);
          // An inline sub-workflow definition, or a name computed at run time, needs nothing stored.
          if (sub == null || sub.isBlank() || sub.contains("${") || param.has("workflowDefinition")) {
            continue;
          }
          subWorkflowRefs++;
          users(workflowUsers, new WorkflowKey(sub, pinnedVersion(param.path("version")))).add("sub-workflow of " + user);
        } else if ("SIMPLE".equals(t.type()) && t.name() != null) {
          simpleTasks++;
          if (!(t.task().get("taskDefinition") instanceof ObjectNode)) {
            taskUsers.computeIfAbsent(t.name(), k -> new LinkedHashSet<>()).add("used by " + user);
          }
        }
      }
    }

    List<Need> workflowNeeds = new ArrayList<>();
    for (Map.Entry<WorkflowKey, Set<String>> e : workflowUsers.entrySet()) {
      WorkflowKey key = e.getKey();
      LocalDefinition local = key.version() == null ? null : localWorkflows.get(key);
      Map<Integer, ObjectNode> versions = serverWorkflows.getOrDefault(key.name(), Map.of());
      ObjectNode remote = key.version() == null ? null : versions.get(key.version());
      boolean present = key.version() == null ? !versions.isEmpty() : remote != null;
      Need.Status status = present ? Need.Status.PRESENT : Need.Status.MISSING;
      List<Difference> diffs = List.of();
      if (present && local != null) {
        diffs = JsonDiff.definitions(workflowModel, Kind.WORKFLOW, remote, local.json());
        status = diffs.isEmpty() ? Need.Status.PRESENT : Need.Status.DRIFTED;
      }
      // Whether upload-workflows can fix it: a local file defines that name (and version, when pinned).
      boolean inLocalFiles = local != null
          || (key.version() == null && defs.workflows().stream().anyMatch(d -> d.name().equals(key.name())));
      workflowNeeds.add(new Need(Kind.WORKFLOW, key.name(), key.version(), status, List.copyOf(e.getValue()), local,
          inLocalFiles, diffs));
    }

    Map<String, LocalDefinition> localTasks = defs.tasksByName();
    Set<String> taskNames = new HashSet<>(taskUsers.keySet());
    taskNames.addAll(localTasks.keySet());
    List<Need> taskNeeds = new ArrayList<>();
    for (String name : taskNames.stream().sorted().toList()) {
      LocalDefinition local = localTasks.get(name);
      List<String> users = new ArrayList<>();
      if (local != null) {
        users.add("defined in " + local.location());
      }
      users.addAll(taskUsers.getOrDefault(name, Set.of()));
      ObjectNode remote = serverTasks.get(name);
      Need.Status status;
      List<Difference> diffs = List.of();
      if (remote == null) {
        status = taskUsers.containsKey(name) ? Need.Status.MISSING : Need.Status.UNUSED;
      } else if (local != null) {
        diffs = JsonDiff.definitions(taskModel, Kind.TASK, remote, local.json());
        status = diffs.isEmpty() ? Need.Status.PRESENT : Need.Status.DRIFTED;
      } else {
        status = Need.Status.PRESENT;
      }
      taskNeeds.add(new Need(Kind.TASK, name, null, status, users, local, local != null, diffs));
    }
    return new MissingReport(workflowNeeds, taskNeeds, defs.workflows().size(), required.size(), subWorkflowRefs,
        simpleTasks, defs.tasks().size());
  }

  private static Set<String> users(Map<WorkflowKey, Set<String>> map, WorkflowKey key) {
    return map.computeIfAbsent(key, k -> new LinkedHashSet<>());
  }

  /** A pinned sub-workflow version, or null when the reference takes the latest. */
  static Integer pinnedVersion(JsonNode version) {
    if (version.isIntegralNumber() && version.canConvertToInt()) {
      return version.intValue();
    }
    if (version.isTextual() && version.asText().trim().matches("\\d{1,9}")) {
      return Integer.parseInt(version.asText().trim());
    }
    return null;
  }

  /** A workflow by name and version; a null version (any) sorts before the numbered ones. */
  private record WorkflowKey(String name, Integer version) implements Comparable<WorkflowKey> {
    private static final Comparator<WorkflowKey> ORDER = Comparator.comparing(WorkflowKey::name)
        .thenComparing(WorkflowKey::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(WorkflowKey other) {
      return ORDER.compare(this, other);
    }
  }
}
