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
 */
public record PurgePlan(
    PurgeScope scope, List<Candidate> candidates, List<Kept> inUse, boolean usageChecked, int remoteTasks, int inScope) {

  public PurgePlan {
    candidates = List.copyOf(candidates);
    inUse = List.copyOf(inUse);
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
