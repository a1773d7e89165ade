package io.idflow.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.StartWorkflow;
import io.idflow.core.outcome.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a workflow and prints its id; with {@code wait} it polls until the run ends and fails the
 * build unless it COMPLETED. A smoke test after a deploy.
 */
@Mojo(name = "start-workflow", threadSafe = true, requiresProject = false)
public class StartWorkflowMojo extends AbstractRemoteMojo {

  /** The workflow to start. */
  @Parameter(property = IdflowProperties.WORKFLOW, required = true)
  private String workflow;

  /** The version to start. Default: the latest on the server. */
  @Parameter(property = IdflowProperties.VERSION)
  private Integer version;

  /** The workflow input: JSON text, or {@code @path} to a JSON file. Default: {@code {}}. */
  @Parameter(property = IdflowProperties.INPUT)
  private String input;

  /**
   * Seconds to wait for the run to end; 0 starts it and returns. With a wait, the build fails
   * unless the workflow ends COMPLETED in time, and prints the reason and the failed tasks.
   */
  @Parameter(property = IdflowProperties.WAIT, defaultValue = "0")
  private int wait;

  @Override
  protected Outcome outcome(IdflowLog log) {
    JsonNode body = input();
    report().checked("workflow", workflow).checked("version", version).checked("wait", wait);
    try (ConductorClient client = client()) {
      return StartWorkflow.run(client, workflow, version, body, Duration.ofSeconds(wait), log);
    }
  }

  private JsonNode input() {
    if (input == null || input.isBlank()) {
      return Json.mapper().createObjectNode();
    }
    String text = input.trim();
    String source = "idflow.input";
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      source = file.toString();
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the workflow input " + file + ": " + e, e);
      }
    }
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IdflowException(
          "The workflow input in "
              + source
              + " is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
  }
}
