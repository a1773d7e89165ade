package io.idflow.core.purge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides which remote task definitions are orphans: in scope, not defined locally, not in use. */
public final class PurgePlanner {

  private PurgePlanner() {}

  /**
   * Plans a purge.
   *
   * @param scope which remote task definitions belong to this project
   * @param localTasks the names of every local task definition
   * @param remoteTasks every task definition on the server
   * @param usages the workflows' uses of task definitions, or null to skip the usage check
   */
  public static PurgePlan plan(PurgeScope scope, Set<String> localTasks, List<ObjectNode> remoteTasks, TaskUsages usages) {
    List<ObjectNode> sorted = new ArrayList<>(remoteTasks);
    sorted.sort(Comparator.comparing(d -> d.path("name").asText()));
    List<PurgePlan.Candidate> candidates = new ArrayList<>();
    List<PurgePlan.Kept> kept = new ArrayList<>();
    int inScope = 0;
    for (ObjectNode remote : sorted) {
      Optional<String> reason = scope.reason(remote);
      if (reason.isEmpty()) {
        continue;
      }
      inScope++;
      String name = remote.path("name").asText();
      if (localTasks.contains(name)) {
        continue;
      }
      if (usages != null && usages.isUsed(name)) {
        kept.add(new PurgePlan.Kept(name, usages.of(name)));
      } else {
        candidates.add(new PurgePlan.Candidate(remote, reason.get()));
      }
    }
    return new PurgePlan(scope, candidates, kept, usages != null, remoteTasks.size(), inScope,
        usages == null ? List.of() : usages.chosenAtRunTime());
  }
}
