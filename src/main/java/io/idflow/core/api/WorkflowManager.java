package io.idflow.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.UploadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The seed's Java API, kept as a thin façade over the goals ({@code io.idflow.core.goal}): upload
 * the workflows of a definitions directory, ask whether one needs uploading, start and search
 * executions. New code may call the goals directly; their outcomes say more.
 *
 * <pre>{@code
 * try (ConductorClient client = ConductorClient.create("http://localhost:8080")) {
 *   WorkflowManager manager = new WorkflowManager(client, Path.of("idflow"), IdflowLog.silent());
 *   List<UploadResult> results = manager.uploadWorkflows(false);
 * }
 * }</pre>
 */
public final class WorkflowManager {
  private final ConductorClient client;
  private final Path directory;
  private final IdflowLog log;

  public WorkflowManager(ConductorClient client, Path directory, IdflowLog log) {
    this.client = client;
    this.directory = directory;
    this.log = log;
  }

  /**
   * Uploads every workflow the server lacks or holds with other content under the default drift
   * policy (warn, skip), or every one with {@code force}; one result per workflow.
   */
  public List<UploadResult> uploadWorkflows(boolean force) {
    UploadWorkflows.Options d = UploadWorkflows.Options.defaults();
    return UploadWorkflows.run(
            client,
            LocalFiles.of(directory),
            new UploadWorkflows.Options(d.workflows(), force, false, d.onDrift(), null, false),
            log)
        .results();
  }

  /**
   * Whether the workflow {@code name} defined in {@code file} must be uploaded: its version is not
   * on the server, or the server's copy differs.
   */
  public boolean needsUpload(String name, Path file) {
    LocalDefinitions defs = Definitions.loadValid(LocalFiles.of(directory), null, false, log);
    Path wanted = file.toAbsolutePath().normalize();
    Path base = directory.toAbsolutePath().normalize().getParent();
    LocalDefinition def =
        defs.workflows().stream()
            .filter(d -> d.name().equals(name) && base.resolve(d.file()).normalize().equals(wanted))
            .findFirst()
            .orElseThrow(
                () -> new IdflowException("Workflow '" + name + "' is not defined in " + file));
    Optional<ObjectNode> remote = client.getWorkflowDef(def.name(), def.version());
    return remote.isEmpty()
        || !JsonDiff.definitions(def.kind(), remote.get(), def.json()).isEmpty();
  }

  /**
   * Starts {@code name} ({@code version} null: the latest) with {@code input} and returns the
   * execution's id.
   */
  public String startWorkflow(String name, Integer version, JsonNode input) {
    return client.startWorkflow(name, version, input);
  }

  /**
   * The newest executions, at most {@code size}, optionally filtered by a query such as {@code
   * workflowType=order_flow}.
   */
  public List<ObjectNode> searchWorkflows(int size, String query) {
    return client.searchWorkflows(size, query);
  }
}
