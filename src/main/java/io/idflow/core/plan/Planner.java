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
import java.util.Comparator;
import java.util.List;
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

  private static PlanItem compare(LocalDefinition def, RemoteDefinitions remote, Options options) {
    ObjectNode theirs = remote.get(def.id()).orElse(null);
    if (theirs == null) {
      return PlanItem.compared(Action.CREATE, def, null, List.of());
    }
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
          def.kind() == Kind.TASK || options.onDrift() == DriftPolicy.OVERWRITE
              ? Action.UPDATE
              : Action.DRIFT;
    }
    return PlanItem.compared(action, def, theirs, diffs);
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
