package io.idflow.core.goal;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.AuthMode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.Credentials;
import io.idflow.core.client.ServerInfo;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.InfoOutcome;
import io.idflow.core.outcome.InfoOutcome.Counts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code info}: where the plugin connects and how, what the server is and offers, and how many
 * definitions it and the local directory hold. Writes nothing.
 */
public final class Info {

  private Info() {}

  /**
   * Probes the server ({@link ConductorClient#serverInfo()}), counts its definitions, and counts
   * the local ones when {@code files} is not null (their problems are logged as warnings). The
   * workflow count uses the names-and-versions listing when the server has it: the full listing
   * carries every definition whole.
   */
  public static InfoOutcome run(
      ConductorClient client,
      InfoOutcome.Connection connection,
      LocalFiles files,
      String localDirectory,
      IdflowLog log) {
    ServerInfo server = client.serverInfo();
    boolean small =
        server.endpoint(ServerInfo.NAMES_AND_VERSIONS).map(e -> e.answers()).orElse(false);
    Optional<Map<String, List<Integer>>> names =
        small ? client.workflowNamesAndVersions() : Optional.empty();
    int workflows;
    int versions;
    if (names.isPresent()) {
      workflows = names.get().size();
      versions = names.get().values().stream().mapToInt(List::size).sum();
    } else {
      List<String> all =
          client.getWorkflowDefs().stream().map(d -> d.path("name").asText()).toList();
      workflows = (int) all.stream().distinct().count();
      versions = all.size();
    }
    Counts remote =
        new Counts(
            workflows, versions, client.getTaskDefs().size(), client.getEventHandlers().size());
    Counts local = null;
    if (files != null) {
      LocalDefinitions defs = Definitions.loadReadable(files, null, log);
      local =
          new Counts(
              (int) defs.workflows().stream().map(LocalDefinition::name).distinct().count(),
              defs.of(Kind.WORKFLOW).size(),
              defs.tasks().size(),
              defs.eventHandlers().size());
    }
    return new InfoOutcome(connection, server, remote, localDirectory, local);
  }

  /**
   * The auth mode in force and where its credentials came from, never their value: {@code orkes:
   * key id 'k' and its secret from settings.xml server 'prod' (auth=auto)}.
   */
  public static String auth(AuthMode configured, Credentials credentials) {
    AuthMode mode = configured.with(credentials);
    String chosen = configured == AuthMode.AUTO && credentials != null ? " (auth=auto)" : "";
    if (credentials == null) {
      return mode
          + ": no credentials (no serverId, and none of "
          + Credentials.KEY_ENV
          + ", "
          + Credentials.SECRET_ENV
          + ", "
          + Credentials.TOKEN_ENV
          + " is set)";
    }
    String user = credentials.username().map(u -> "'" + u + "'").orElse("");
    return switch (mode) {
      case NONE ->
          "none (auth=none): the credentials from " + credentials.source() + " are not sent";
      case BEARER -> "bearer: a token from " + credentials.source() + chosen;
      case BASIC -> "basic: user " + user + " and its password from " + credentials.source();
      case ORKES ->
          "orkes: key id " + user + " and its secret from " + credentials.source() + chosen;
      case AUTO -> throw new IllegalStateException("auto is resolved by AuthMode.with");
    };
  }
}
