package io.idflow.core.plan;

import java.util.List;

/**
 * The deletions a plan considered: which task definitions on the server are the project's, whether
 * their uses were checked, and what the server holds.
 *
 * @param scope which remote task definitions belong to the project
 * @param usageChecked false when the usage check was skipped ({@code force})
 * @param remoteTasks how many task definitions the server holds
 * @param inScope how many of them are in scope, those defined locally included
 * @param chosenAtRunTime the tasks of workflows that pick the task they run at run time, which the
 *     usage check cannot see ({@link TaskUsages#chosenAtRunTime()}); empty when uses were not
 *     checked
 */
public record DeletionScope(
    PurgeScope scope,
    boolean usageChecked,
    int remoteTasks,
    int inScope,
    List<TaskUsages.Usage> chosenAtRunTime) {

  public DeletionScope {
    chosenAtRunTime = List.copyOf(chosenAtRunTime);
  }
}
