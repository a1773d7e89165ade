package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.StartedWorkflows;
import io.idflow.core.model.WorkflowTasks;
import io.idflow.core.outcome.MissingOutcome;
import io.idflow.core.outcome.Need;
import io.idflow.core.outcome.ValueNeed;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.Planner;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code check-missing}: what the local definitions need from Conductor that it lacks: local
 * workflow versions, required workflows, sub-workflows referenced at any depth, and task
 * definitions of SIMPLE tasks; and, from the plan, which local definitions the server holds with
 * other content; and the secrets and environment values the local workflows read. Two requests
 * (four with secrets or environment values), no writes.
 */
public final class CheckMissing {

  /**
   * What to check.
   *
   * @param required workflows the application starts without defining them
   * @param failOnMissing whether something missing fails the run
   * @param failOnDrift whether a local definition the server holds with other content fails the run
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(
      List<RequiredWorkflow> required,
      boolean failOnMissing,
      boolean failOnDrift,
      String ownerEmail,
      boolean ownerEmailMandatory) {

    public Options {
      required = List.copyOf(required);
    }
  }

  private CheckMissing() {}

  public static MissingOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    RemoteDefinitions remote =
        RemoteDefinitions.fetch(client, defs.ids(Kind.WORKFLOW), Kind.WORKFLOW, Kind.TASK);
    return evaluate(defs, options, remote, ServerValues.names(client, defs));
  }

  /**
   * The names of the server's secrets and environment values, each empty when not asked or when the
   * server has no endpoint for them.
   */
  public record ServerNames(Optional<List<String>> secrets, Optional<List<String>> env) {

    public static ServerNames none() {
      return new ServerNames(Optional.empty(), Optional.empty());
    }
  }

  /** The check on a snapshot already fetched, secrets and environment values not asked. */
  public static MissingOutcome evaluate(
      LocalDefinitions defs, Options options, RemoteDefinitions remote) {
    return evaluate(defs, options, remote, ServerNames.none());
  }

  /** The check itself, on a snapshot already fetched. */
  public static MissingOutcome evaluate(
      LocalDefinitions defs, Options options, RemoteDefinitions remote, ServerNames names) {
    List<LocalDefinition> all = new ArrayList<>(defs.workflows());
    all.addAll(defs.tasks());
    Plan plan = Planner.plan(defs, remote, Planner.Options.compare(all, false, DriftPolicy.WARN));
    Map<DefinitionId, PlanItem> planned = new HashMap<>();
    plan.items().forEach(i -> planned.put(i.id(), i));
    Map<String, Set<Integer>> serverWorkflows = new HashMap<>();
    remote.workflowVersions().forEach((name, versions) -> serverWorkflows.put(name, versions));

    // Who needs which workflow (name + version, or name alone) and which task def, in a stable
    // order.
    Map<WorkflowKey, Set<String>> workflowUsers = new TreeMap<>();
    Map<String, Set<String>> taskUsers = new TreeMap<>();
    int subWorkflowRefs = 0;
    int simpleTasks = 0;
    for (LocalDefinition wf : defs.workflows()) {
      users(workflowUsers, new WorkflowKey(wf.name(), wf.version()))
          .add("defined in " + wf.location());
    }
    for (RequiredWorkflow r : options.required()) {
      users(workflowUsers, new WorkflowKey(r.name(), r.version()))
          .add("listed in idflow.requiredWorkflows");
    }
    for (LocalDefinition handler : defs.starters()) {
      for (StartedWorkflows.Started started : StartedWorkflows.of(handler.kind(), handler.json())) {
        users(workflowUsers, new WorkflowKey(started.name(), started.version()))
            .add(
                "started by "
                    + handler.kind().label()
                    + " "
                    + handler.name()
                    + " ("
                    + handler.location()
                    + " at "
                    + started.pointer()
                    + ")");
      }
    }
    for (LocalDefinition wf : defs.workflows()) {
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        String user = wf.id() + " (task ref " + t.referenceName() + ")";
        var sub = t.subWorkflow();
        if (sub.isPresent()) {
          // An inline sub-workflow definition, or a name computed at run time, needs nothing
          // stored.
          if (sub.get().needsStored()) {
            subWorkflowRefs++;
            users(workflowUsers, new WorkflowKey(sub.get().name(), sub.get().version()))
                .add("sub-workflow of " + user);
          }
        } else if ("SIMPLE".equals(t.type()) && t.name() != null) {
          simpleTasks++;
          if (t.needsTaskDefinition()) {
            taskUsers.computeIfAbsent(t.name(), k -> new LinkedHashSet<>()).add("used by " + user);
          }
        }
      }
    }

    List<Need> workflowNeeds = new ArrayList<>();
    for (Map.Entry<WorkflowKey, Set<String>> e : workflowUsers.entrySet()) {
      WorkflowKey key = e.getKey();
      PlanItem item =
          key.version() == null
              ? null
              : planned.get(DefinitionId.workflow(key.name(), key.version()));
      Set<Integer> versions = serverWorkflows.getOrDefault(key.name(), Set.of());
      boolean present =
          key.version() == null ? !versions.isEmpty() : versions.contains(key.version());
      Need.Status status =
          !present
              ? Need.Status.MISSING
              : item != null && item.action() == Action.DRIFT
                  ? Need.Status.DRIFTED
                  : Need.Status.PRESENT;
      LocalDefinition local = item == null ? null : item.local();
      // Whether upload-workflows can fix it: a local file defines that name (and version, when
      // pinned).
      boolean inLocalFiles =
          local != null
              || (key.version() == null
                  && defs.workflows().stream().anyMatch(d -> d.name().equals(key.name())));
      workflowNeeds.add(
          new Need(
              Kind.WORKFLOW,
              key.name(),
              key.version(),
              status,
              List.copyOf(e.getValue()),
              local,
              inLocalFiles,
              status == Need.Status.DRIFTED ? item.differences() : List.of()));
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
      boolean present = remote.get(DefinitionId.task(name)).isPresent();
      PlanItem item = planned.get(DefinitionId.task(name));
      Need.Status status;
      if (!present) {
        status = taskUsers.containsKey(name) ? Need.Status.MISSING : Need.Status.UNUSED;
      } else if (item != null && item.action() == Action.UPDATE) {
        status = Need.Status.DRIFTED;
      } else {
        status = Need.Status.PRESENT;
      }
      taskNeeds.add(
          new Need(
              Kind.TASK,
              name,
              null,
              status,
              users,
              local,
              local != null,
              status == Need.Status.DRIFTED ? item.differences() : List.of()));
    }
    List<String> unchecked = new ArrayList<>();
    List<ValueNeed> values = ServerValues.check(defs, names, unchecked);
    return new MissingOutcome(
        workflowNeeds,
        taskNeeds,
        defs.workflows().size(),
        options.required().size(),
        subWorkflowRefs,
        simpleTasks,
        defs.tasks().size(),
        options.failOnMissing(),
        options.failOnDrift(),
        values,
        unchecked);
  }

  private static Set<String> users(Map<WorkflowKey, Set<String>> map, WorkflowKey key) {
    return map.computeIfAbsent(key, k -> new LinkedHashSet<>());
  }

  /** A workflow by name and version; a null version (any) sorts before the numbered ones. */
  private record WorkflowKey(String name, Integer version) implements Comparable<WorkflowKey> {
    private static final Comparator<WorkflowKey> ORDER =
        Comparator.comparing(WorkflowKey::name)
            .thenComparing(WorkflowKey::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(WorkflowKey other) {
      return ORDER.compare(this, other);
    }
  }
}
