package io.idflow.core.local;

import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.StartedWorkflows;
import io.idflow.core.model.WorkflowTasks;
import io.idflow.core.model.WorkflowTasks.SubWorkflowRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The checks across local definitions: what a workflow refers to that no local file defines (a
 * warning: the server may hold it), and sub-workflows that call each other in a cycle (an error: a
 * run would never end). A reference is read as {@link WorkflowTasks} reads it, the same as {@code
 * check-missing} and the usage check.
 */
final class References {

  private References() {}

  /** Reports each finding with the workflow it is about. */
  static void check(LocalDefinitions defs, BiConsumer<LocalDefinition, Finding> out) {
    missing(defs, out);
    started(defs, out);
    cycles(defs, out);
  }

  /**
   * Workflows that event handlers and schedules start and no local file defines: they must exist on
   * the server.
   */
  private static void started(LocalDefinitions defs, BiConsumer<LocalDefinition, Finding> out) {
    Map<String, Set<Integer>> versions = new HashMap<>();
    defs.workflows()
        .forEach(wf -> versions.computeIfAbsent(wf.name(), k -> new TreeSet<>()).add(wf.version()));
    for (LocalDefinition handler : defs.starters()) {
      for (StartedWorkflows.Started s : StartedWorkflows.of(handler.kind(), handler.json())) {
        Set<Integer> known = versions.getOrDefault(s.name(), Set.of());
        if (known.isEmpty() || s.version() != null && !known.contains(s.version())) {
          out.accept(
              handler,
              Finding.warning(
                  s.pointer(),
                  "it starts workflow "
                      + s
                      + ", which is not defined in local files"
                      + (known.isEmpty() ? "" : " (local versions: " + known + ")")
                      + "; it must exist on the server (check-missing checks it)"));
        }
      }
    }
  }

  /**
   * Sub-workflows and task definitions that no local file defines: they must exist on the server.
   */
  private static void missing(LocalDefinitions defs, BiConsumer<LocalDefinition, Finding> out) {
    Set<String> taskNames = defs.tasksByName().keySet();
    Map<String, Set<Integer>> versions = new HashMap<>();
    defs.workflows()
        .forEach(wf -> versions.computeIfAbsent(wf.name(), k -> new TreeSet<>()).add(wf.version()));
    for (LocalDefinition wf : defs.workflows()) {
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        SubWorkflowRef sub = t.subWorkflow().orElse(null);
        if (sub != null && sub.needsStored()) {
          Set<Integer> known = versions.getOrDefault(sub.name(), Set.of());
          if (known.isEmpty() || (sub.version() != null && !known.contains(sub.version()))) {
            out.accept(
                wf,
                Finding.warning(
                    t.pointer() + "/subWorkflowParam",
                    "sub-workflow "
                        + sub.name()
                        + (sub.version() == null ? "" : " v" + sub.version())
                        + " is not defined in local files"
                        + (known.isEmpty() ? "" : " (local versions: " + known + ")")
                        + "; it must exist on the server"));
          }
        } else if (t.needsTaskDefinition() && !taskNames.contains(t.name())) {
          out.accept(
              wf,
              Finding.warning(
                  t.pointer(),
                  "task '"
                      + t.name()
                      + "' (ref "
                      + t.referenceName()
                      + ") has no task definition in local files; without one on the server"
                      + " Conductor runs it with default retries and timeouts"));
        }
      }
    }
  }

  /** A workflow that starts itself through sub-workflows never ends: report each cycle once. */
  private static void cycles(LocalDefinitions defs, BiConsumer<LocalDefinition, Finding> out) {
    Map<String, LocalDefinition> byId = new HashMap<>();
    Map<String, Integer> latest = new HashMap<>();
    for (LocalDefinition wf : defs.workflows()) {
      byId.put(wf.id().toString(), wf);
      latest.merge(wf.name(), wf.version(), Math::max);
    }
    Map<String, List<String>> edges = new HashMap<>();
    Map<String, String> edgePointers =
        new HashMap<>(); // "a v1 -> b v1" to the task that makes the call
    for (LocalDefinition wf : defs.workflows()) {
      List<String> targets = new ArrayList<>();
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        SubWorkflowRef sub = t.subWorkflow().orElse(null);
        if (sub == null || !sub.needsStored() || !latest.containsKey(sub.name())) {
          continue;
        }
        String target =
            sub.name() + " v" + (sub.version() != null ? sub.version() : latest.get(sub.name()));
        targets.add(target);
        edgePointers.putIfAbsent(wf.id() + " -> " + target, t.pointer() + "/subWorkflowParam");
      }
      edges.put(wf.id().toString(), targets);
    }
    Cycles search = new Cycles(edges, edgePointers, byId, out);
    for (LocalDefinition wf : defs.workflows()) {
      search.from(wf.id().toString());
    }
  }

  /** A depth-first search that reports each cycle once, at the call that starts it. */
  private record Cycles(
      Map<String, List<String>> edges,
      Map<String, String> edgePointers,
      Map<String, LocalDefinition> byId,
      BiConsumer<LocalDefinition, Finding> out,
      List<String> path,
      Set<String> onPath,
      Set<String> done,
      Set<String> reported) {

    Cycles(
        Map<String, List<String>> edges,
        Map<String, String> edgePointers,
        Map<String, LocalDefinition> byId,
        BiConsumer<LocalDefinition, Finding> out) {
      this(
          edges,
          edgePointers,
          byId,
          out,
          new ArrayList<>(),
          new HashSet<>(),
          new HashSet<>(),
          new HashSet<>());
    }

    void from(String node) {
      if (onPath.contains(node)) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        cycle.add(node);
        if (reported.add(new TreeSet<>(cycle).toString())) {
          out.accept(
              byId.get(node),
              Finding.error(
                  edgePointers.get(cycle.get(0) + " -> " + cycle.get(1)),
                  "sub-workflows call each other in a cycle: "
                      + String.join(" -> ", cycle)
                      + "; a run would never end"));
        }
        return;
      }
      if (done.contains(node) || !byId.containsKey(node)) {
        return;
      }
      onPath.add(node);
      path.add(node);
      for (String next : edges.getOrDefault(node, List.of())) {
        from(next);
      }
      path.remove(path.size() - 1);
      onPath.remove(node);
      done.add(node);
    }
  }
}
