package io.idflow.core.plan;

import io.idflow.core.model.Kind;
import java.util.List;
import java.util.Optional;

/**
 * The steps that bring the server to the local definitions: workflows, then task definitions, in
 * definition order, then the remote task definitions in the project's scope that only the server
 * holds, by name.
 *
 * @param items every step
 * @param deletions what the deletions were planned with; empty when none were planned
 */
public record Plan(List<PlanItem> items, Optional<DeletionScope> deletions) {

  public Plan {
    items = List.copyOf(items);
  }

  public List<PlanItem> with(Action action) {
    return items.stream().filter(i -> i.action() == action).toList();
  }

  public List<PlanItem> of(Kind kind) {
    return items.stream().filter(i -> i.id().kind() == kind).toList();
  }

  public List<PlanItem> writes() {
    return items.stream().filter(PlanItem::writes).toList();
  }

  public long count(Action action) {
    return items.stream().filter(i -> i.action() == action).count();
  }

  /**
   * Whether the deletions must not be made: some workflow picks its tasks at run time, so any of
   * them may be in use, and no {@code excludes} say which ones the user has set aside for those
   * workflows.
   */
  public boolean blockedByRunTimeChoices() {
    return deletions.isPresent()
        && count(Action.DELETE) > 0
        && !deletions.get().chosenAtRunTime().isEmpty()
        && deletions.get().scope().excludes().isEmpty();
  }
}
