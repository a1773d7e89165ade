package io.idflow.core.purge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The remote task definitions a purge deletes, and those in scope that it keeps because a workflow
 * uses them.
 *
 * @param scope the scope the plan was made with
 * @param candidates orphans to delete, sorted by name
 * @param inUse orphans kept because a workflow uses them, sorted by name
 * @param usageChecked false when the usage check was skipped ({@code force})
 * @param remoteTasks how many task definitions the server holds
 * @param inScope how many of them are in scope
 * @param chosenAtRunTime the tasks of workflows that pick the task they run at run time, which the usage check
 *     cannot see ({@link TaskUsages#chosenAtRunTime()}); empty when the check was skipped
 */
public record PurgePlan(PurgeScope scope, List<Candidate> candidates, List<Kept> inUse, boolean usageChecked, int remoteTasks,
    int inScope, List<TaskUsages.Usage> chosenAtRunTime) {

  public PurgePlan {
    candidates = List.copyOf(candidates);
    inUse = List.copyOf(inUse);
    chosenAtRunTime = List.copyOf(chosenAtRunTime);
  }

  /**
   * Whether the candidates must not be deleted: some workflow picks its tasks at run time, so any of them
   * may be in use, and no {@code excludes} say which ones the user has set aside for those workflows.
   */
  public boolean blockedByRunTimeChoices() {
    return !candidates.isEmpty() && !chosenAtRunTime.isEmpty() && scope.excludes().isEmpty();
  }

  /**
   * A task definition to delete.
   *
   * @param definition the server's copy, as fetched: what the backup holds
   * @param reason why it is in scope ({@code owner a@b}, {@code matches include 'x*'})
   */
  public record Candidate(ObjectNode definition, String reason) {

    public String name() {
      return definition.path("name").asText();
    }
  }

  /**
   * An orphan kept because workflows use it.
   *
   * @param name the task definition's name
   * @param usages every use, sorted
   */
  public record Kept(String name, List<TaskUsages.Usage> usages) {

    public Kept {
      usages = List.copyOf(usages);
    }
  }

  public List<String> candidateNames() {
    return candidates.stream().map(Candidate::name).toList();
  }
}
