package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.plan.DeletionScope;
import java.util.List;

/** The guards that stop {@code purge-orphans} and {@code prune-workflows} before any delete. */
final class DeletionGuards {

  private DeletionGuards() {}

  /**
   * More deletions than {@code max}: {@code what} names them in the plural ({@code task
   * definitions}), {@code goal} is the property prefix ({@code purge}), {@code done} the verb
   * ({@code purged}).
   */
  static IdflowException tooMany(int count, int max, String what, String done, String goal) {
    return new IdflowException(
        count
            + " "
            + what
            + " would be "
            + done
            + ", more than idflow."
            + goal
            + ".maxDeletions="
            + max
            + "; nothing was deleted. Check the list above, then allow it with -Didflow."
            + goal
            + ".maxDeletions="
            + count
            + ", or narrow the scope with -Didflow."
            + goal
            + ".excludes=<glob,...>");
  }

  /** The workflows whose tasks pick at run time what they run, each once: {@code flow v2}. */
  static List<String> choosers(DeletionScope scope) {
    return scope.chosenAtRunTime().stream()
        .map(u -> u.workflow() + " v" + u.version())
        .distinct()
        .toList();
  }
}
