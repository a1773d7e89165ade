package io.idflow.core.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring properties a local Conductor runs with: SQLite everywhere, nothing that reaches out.
 */
public final class ServerProperties {
  /**
   * Set from the port and bind address the launcher controls; a user value would break the health
   * probe.
   */
  static final List<String> RESERVED = List.of("server.port", "server.address");

  private ServerProperties() {}

  /** Parses {@code key=value} entries, collecting every malformed one before failing. */
  public static Map<String, String> parse(List<String> entries) throws ServerException {
    Map<String, String> properties = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      String trimmed = entry == null ? "" : entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String key = equals < 0 ? "" : trimmed.substring(0, equals).trim();
      if (key.isEmpty()) {
        problems.add("'" + trimmed + "' is not key=value");
      } else if (RESERVED.contains(key)) {
        problems.add("'" + key + "' is set by the plugin: use the port parameter instead");
      } else {
        properties.put(key, trimmed.substring(equals + 1).trim());
      }
    }
    if (!problems.isEmpty()) {
      throw ServerException.configuration(
          "Invalid Conductor server properties: " + String.join("; ", problems));
    }
    return properties;
  }

  /**
   * The defaults for a server on 127.0.0.1 keeping its data in {@code workDir}, then the user's
   * overrides.
   */
  public static Map<String, String> effective(
      Path workDir, int port, Map<String, String> overrides) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.address", "127.0.0.1");
    properties.put("server.port", Integer.toString(port));
    String database =
        workDir.resolve("conductor.db").toAbsolutePath().toString().replace('\\', '/');
    properties.put(
        "spring.datasource.url",
        "jdbc:sqlite:" + database + "?busy_timeout=15000&journal_mode=WAL");
    properties.put("conductor.db.type", "sqlite");
    properties.put("conductor.queue.type", "sqlite");
    properties.put("conductor.indexing.type", "sqlite");
    properties.put("conductor.workflow-execution-lock.type", "local_only");
    properties.put("conductor.integrations.ai.enabled", "false");
    properties.put("conductor.scheduler.enabled", "false");
    // Already so in 3.32's own application.properties, not in 3.21's, which turns indexing off (a
    // no-op IndexDAO beside SQLite's: two beans, no start), points indexing at Elasticsearch 7,
    // loads sample definitions and rejects definitions without an ownerEmail.
    properties.put("conductor.indexing.enabled", "true");
    properties.put("conductor.elasticsearch.version", "0");
    properties.put("loadSample", "false");
    properties.put("conductor.app.ownerEmailMandatory", "false");
    properties.putAll(overrides);
    return properties;
  }
}
