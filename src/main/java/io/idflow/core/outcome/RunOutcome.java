package io.idflow.core.outcome;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.report.RunReport;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code start-workflow}: the execution started and, when waited for, how it ended.
 *
 * @param workflow the workflow's name
 * @param version the version started, or null for the latest
 * @param id the execution's id
 * @param completed the execution as it completed, or null when not waited for (or when it did not
 *     complete)
 * @param ended why the wait failed (the execution ended otherwise than COMPLETED, or did not end in
 *     time), or null
 */
public record RunOutcome(
    String workflow, Integer version, String id, ObjectNode completed, IdflowException ended)
    implements Outcome {

  @Override
  public void render(IdflowLog log) {
    if (completed != null) {
      log.info("Workflow " + workflow + " COMPLETED, output: " + completed.path("output"));
    }
  }

  /**
   * The report's one entry: this execution, its outcome ({@code started}, {@code completed}, {@code
   * failed}).
   */
  @Override
  public List<RunReport.Entry> entries() {
    String outcome = ended != null ? "failed" : completed != null ? "completed" : "started";
    return List.of(
        new RunReport.Entry(
            "execution",
            workflow,
            version,
            outcome,
            ended != null ? ended.getMessage() : "workflowId " + id,
            ended != null));
  }

  @Override
  public Optional<Failure> failure() {
    return ended == null ? Optional.empty() : Optional.of(Failure.user(ended.getMessage(), ended));
  }
}
