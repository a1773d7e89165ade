package io.idflow.core.goal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.outcome.RunOutcome;
import io.idflow.core.run.WorkflowRunner;
import java.time.Duration;

/**
 * {@code start-workflow}: starts an execution and, when asked, waits for it to end: a smoke test
 * after a deploy.
 */
public final class StartWorkflow {
  private static final Duration POLL = Duration.ofMillis(500);

  private StartWorkflow() {}

  /**
   * Starts {@code workflow} ({@code version} null: the latest) with {@code input}; with {@code
   * wait} above zero, waits that long for it to end. Throws when it cannot be started; a run that
   * does not complete is in the outcome.
   */
  public static RunOutcome run(
      ConductorClient client,
      String workflow,
      Integer version,
      JsonNode input,
      Duration wait,
      IdflowLog log) {
    WorkflowRunner runner = new WorkflowRunner(client, log, POLL);
    String id = runner.start(workflow, version, input);
    log.info("Started workflow " + workflow + (version == null ? "" : " v" + version) + ": " + id);
    if (wait.isZero() || wait.isNegative()) {
      return new RunOutcome(workflow, version, id, null, null);
    }
    try {
      ObjectNode done = runner.await(id, wait);
      return new RunOutcome(workflow, version, id, done, null);
    } catch (IdflowException e) {
      return new RunOutcome(workflow, version, id, null, e);
    }
  }
}
