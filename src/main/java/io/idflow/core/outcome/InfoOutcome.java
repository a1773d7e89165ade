package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ServerInfo;
import io.idflow.core.report.RunReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code info} found: the connection, the server's version and endpoints, and the definitions
 * there and here.
 *
 * @param connection the URL in force and its source, the auth mode and the credentials' source
 * @param server what the probe found
 * @param remote the server's definitions
 * @param localDirectory the definitions directory, as shown
 * @param local the local definitions, null when the directory does not exist
 */
public record InfoOutcome(
    Connection connection, ServerInfo server, Counts remote, String localDirectory, Counts local)
    implements Outcome {

  /**
   * How the build reaches the server.
   *
   * @param url the URL in force
   * @param urlSource where it came from ({@code the environment variable CONDUCTOR_SERVER_URL})
   * @param auth the auth mode and the credentials' source, never their value
   */
  public record Connection(String url, String urlSource, String auth) {}

  /**
   * How many definitions one side holds.
   *
   * @param workflows workflow names
   * @param workflowVersions workflow definitions, every version counted
   * @param tasks task definitions
   */
  public record Counts(int workflows, int workflowVersions, int tasks, int eventHandlers) {

    /** {@code 2 workflows (3 versions), 1 task definition, 0 event handlers}. */
    public String shown() {
      return plural(workflows, "workflow")
          + " ("
          + plural(workflowVersions, "version")
          + "), "
          + plural(tasks, "task definition")
          + ", "
          + plural(eventHandlers, "event handler");
    }
  }

  /** Prints the connection, the server, its endpoints, then the counts on both sides. */
  @Override
  public void render(IdflowLog log) {
    log.info("Conductor: " + connection.url() + " (from " + connection.urlSource() + ")");
    log.info("Auth:      " + connection.auth());
    log.info("Version:   " + server.versionText());
    log.info("Orkes:     " + server.orkesText());
    log.info("Endpoints:");
    for (ServerInfo.Endpoint e : server.endpoints()) {
      log.info("  " + e.name() + " (" + e.route() + "): " + e.shown());
    }
    log.info("");
    log.info("Definitions in Conductor: " + remote.shown());
    log.info(
        "Definitions in "
            + localDirectory
            + ": "
            + (local == null ? "none (no such directory)" : local.shown()));
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("conductorUrlSource", connection.urlSource());
    facts.put("auth", connection.auth());
    facts.put("serverVersion", server.version().orElse(null));
    facts.put("orkes", server.orkesText());
    Map<String, String> endpoints = new LinkedHashMap<>();
    server.endpoints().forEach(e -> endpoints.put(e.name(), e.shown()));
    facts.put("endpoints", endpoints);
    facts.put("remote", remote);
    facts.put("local", local);
    return facts;
  }

  /** A look at the server reports nothing per definition. */
  @Override
  public List<RunReport.Entry> entries() {
    return List.of();
  }

  @Override
  public Optional<Failure> failure() {
    return Optional.empty();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
