package io.idflow.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one planner: compares local definitions with the server's snapshot, and decides what to write
 * and, when asked, which of the project's task definitions only the server holds are orphans to
 * delete and which a workflow still uses. Every goal reads its plan; {@code diff} and {@code
 * purge-orphans} read the same deletions.
 */
public final class Planner {

  private Planner() {}

  /**
   * What to plan.
   *
   * @param compare the local definitions to compare with the server's (the selected workflows
   *     and/or tasks)
   * @param force write every compared definition, changed or not
   * @param onDrift what to do with a workflow version the server holds with other content; task
   *     definitions have no versions, so for them any difference is an update
   * @param deletions the project's scope for deletions, or null to plan none
   * @param usageCheck keep the task definitions a workflow uses (the server's, every version, or a
   *     local one)
   */
  public record Options(
      List<LocalDefinition> compare,
      boolean force,
      DriftPolicy onDrift,
      PurgeScope deletions,
      boolean usageCheck) {

    public Options {
      compare = List.copyOf(compare);
    }

    /** Compares {@code compare}, plans no deletions. */
    public static Options compare(
        List<LocalDefinition> compare, boolean force, DriftPolicy onDrift) {
      return new Options(compare, force, onDrift, null, false);
    }
  }

  /**
   * What {@code prune-workflows} plans.
   *
   * @param scope which remote workflow versions belong to the project
   * @param keep how many of the newest versions of each name to keep
   * @param workflow only this name, or null for every name in scope
   * @param version only this version of {@code workflow}, or null for every one
   */
  public record Pruning(PurgeScope scope, int keep, String workflow, Integer version) {}

  public static Plan plan(LocalDefinitions local, RemoteDefinitions remote, Options options) {
    List<PlanItem> items = new ArrayList<>();
    for (LocalDefinition def : options.compare()) {
      items.add(compare(def, remote, options));
    }
    Optional<DeletionScope> deletions = Optional.empty();
    if (options.deletions() != null) {
      deletions = Optional.of(deletions(local, remote, options, items));
    }
    return new Plan(items, deletions);
  }

  private static PlanItem compare(LocalDefinition file, RemoteDefinitions remote, Options options) {
    ObjectNode theirs = remote.get(file.id()).orElse(null);
    if (theirs == null) {
      return PlanItem.compared(Action.CREATE, file, null, List.of());
    }
    LocalDefinition def = withServerState(file, theirs);
    // What the server stores is learned from its whole listing, not only from this definition's
    // copy.
    List<Difference> diffs =
        JsonDiff.definitions(remote.model(def.kind()), def.kind(), theirs, def.json());
    Action action;
    if (options.force()) {
      action = Action.UPDATE;
    } else if (diffs.isEmpty()) {
      action = Action.UNCHANGED;
    } else {
      action =
          !def.kind().versioned() || options.onDrift() == DriftPolicy.OVERWRITE
              ? Action.UPDATE
              : Action.DRIFT;
    }
    return PlanItem.compared(action, def, theirs, diffs);
  }

  /**
   * The server's event handlers that no local file defines and whose name one of {@code includes}
   * matches and none of {@code excludes}: to delete. Handlers have no owner, so name globs are
   * their whole scope; without includes none is in scope.
   */
  public static List<PlanItem> eventHandlerDeletions(
      LocalDefinitions local,
      RemoteDefinitions remote,
      Collection<String> includes,
      Collection<String> excludes) {
    if (includes.isEmpty()) {
      return List.of();
    }
    Set<String> defined = new HashSet<>(local.names(Kind.EVENT_HANDLER));
    List<PlanItem> items = new ArrayList<>();
    for (ObjectNode handler : remote.all(Kind.EVENT_HANDLER)) {
      String name = handler.path("name").asText();
      Optional<String> glob = includes.stream().filter(g -> Glob.of(g).matches(name)).findFirst();
      if (glob.isPresent()
          && !defined.contains(name)
          && excludes.stream().noneMatch(g -> Glob.of(g).matches(name))) {
        items.add(
            new PlanItem(
                Action.DELETE,
                DefinitionId.eventHandler(name),
                null,
                handler,
                List.of(),
                "matches idflow.purge.eventHandlers " + glob.get(),
                List.of()));
      }
    }
    items.sort(java.util.Comparator.comparing(PlanItem::name));
    return items;
  }

  /**
   * {@code def} with the state the server keeps for a schedule that its file does not set: whether
   * it is paused, and why. Pausing is an operator's act, so neither the diff nor a sync undoes it
   * unless the file says {@code paused}.
   */
  private static LocalDefinition withServerState(LocalDefinition def, ObjectNode theirs) {
    if (def.kind() != Kind.SCHEDULE || def.json().has("paused") || !theirs.has("paused")) {
      return def;
    }
    ObjectNode json = def.json().deepCopy();
    json.set("paused", theirs.get("paused"));
    if (theirs.hasNonNull("pausedReason")) {
      json.set("pausedReason", theirs.get("pausedReason"));
    }
    return def.withJson(json);
  }

  /**
   * The remote workflow versions in the project's scope that no local file defines: each one to
   * delete, or kept with its reasons (one of the newest versions; pinned by a reference; the latest
   * while a reference takes the latest). Executions still running are the goal's to check: they
   * need the server.
   */
  public static Plan prune(LocalDefinitions local, RemoteDefinitions remote, Pruning pruning) {
    List<ObjectNode> all = remote.all(Kind.WORKFLOW);
    WorkflowReferences refs =
        WorkflowReferences.of(
            all,
            local.workflows(),
            remote.has(Kind.EVENT_HANDLER) ? remote.all(Kind.EVENT_HANDLER) : List.of(),
            local.eventHandlers());
    Set<DefinitionId> defined = new HashSet<>();
    local.workflows().forEach(d -> defined.add(d.id()));
    Map<String, List<Integer>> versions = new HashMap<>();
    all.forEach(
        d ->
            versions
                .computeIfAbsent(d.path("name").asText(), k -> new ArrayList<>())
                .add(d.path("version").asInt(1)));
    versions.values().forEach(v -> v.sort(Comparator.reverseOrder()));
    List<ObjectNode> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparing((ObjectNode d) -> d.path("name").asText())
            .thenComparing(d -> d.path("version").asInt(1)));
    List<PlanItem> items = new ArrayList<>();
    int inScope = 0;
    for (ObjectNode def : sorted) {
      DefinitionId id = DefinitionId.of(Kind.WORKFLOW, def);
      Optional<String> owned = pruning.scope().reason(def);
      if (owned.isEmpty()) {
        continue;
      }
      inScope++;
      if (defined.contains(id)
          || pruning.workflow() != null && !pruning.workflow().equals(id.name())
          || pruning.version() != null && !pruning.version().equals(id.version())) {
        continue;
      }
      List<Integer> ofName = versions.get(id.name());
      List<String> kept = new ArrayList<>();
      List<TaskUsages.Usage> users = new ArrayList<>();
      if (ofName.indexOf(id.version()) < pruning.keep()) {
        kept.add("one of the newest " + pruning.keep() + " versions of " + id.name());
      }
      for (WorkflowReferences.Reference r : refs.to(id.name())) {
        boolean latest =
            r.version() == null && !r.anyVersion() && ofName.get(0).equals(id.version());
        if (r.anyVersion() || latest || id.version().equals(r.version())) {
          users.add(r.usage());
          kept.add(
              (r.anyVersion()
                      ? "any version may be started by "
                      : latest ? "the latest version, started without a version by " : "pinned by ")
                  + r.usage().describe());
        }
      }
      items.add(
          kept.isEmpty()
              ? new PlanItem(Action.DELETE, id, null, def, List.of(), owned.get(), List.of())
              : new PlanItem(
                  Action.KEEP_IN_USE, id, null, def, List.of(), String.join("; ", kept), users));
    }
    return new Plan(
        items,
        Optional.of(
            new DeletionScope(pruning.scope(), true, all.size(), inScope, refs.chosenAtRunTime())));
  }

  /**
   * Adds to {@code items} the project's remote-only task definitions: orphans to delete, or kept in
   * use.
   */
  private static DeletionScope deletions(
      LocalDefinitions local, RemoteDefinitions remote, Options options, List<PlanItem> items) {
    PurgeScope scope = options.deletions();
    Set<String> localTasks = local.tasksByName().keySet();
    TaskUsages usages =
        options.usageCheck() ? TaskUsages.of(remote.all(Kind.WORKFLOW), local.workflows()) : null;
    List<ObjectNode> sorted = new ArrayList<>(remote.all(Kind.TASK));
    sorted.sort(Comparator.comparing(d -> d.path("name").asText()));
    int inScope = 0;
    for (ObjectNode def : sorted) {
      Optional<String> reason = scope.reason(def);
      if (reason.isEmpty()) {
        continue;
      }
      inScope++;
      DefinitionId id = DefinitionId.of(Kind.TASK, def);
      if (localTasks.contains(id.name())) {
        continue;
      }
      if (usages != null && usages.isUsed(id.name())) {
        items.add(
            new PlanItem(
                Action.KEEP_IN_USE, id, null, def, List.of(), reason.get(), usages.of(id.name())));
      } else {
        items.add(new PlanItem(Action.DELETE, id, null, def, List.of(), reason.get(), List.of()));
      }
    }
    return new DeletionScope(
        scope,
        usages != null,
        sorted.size(),
        inScope,
        usages == null ? List.of() : usages.chosenAtRunTime());
  }
}
