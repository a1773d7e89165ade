package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

  @Test
  void parsesKeyValueEntriesSplittingAtTheFirstEquals() throws Exception {
    Map<String, String> parsed =
        ServerProperties.parse(
            List.of(" conductor.app.ownerEmailMandatory = true", "x.url=jdbc:a?b=c", "", "empty="));

    assertThat(parsed)
        .containsExactly(
            entry("conductor.app.ownerEmailMandatory", "true"),
            entry("x.url", "jdbc:a?b=c"),
            entry("empty", ""));
  }

  @Test
  void acceptsNoEntries() throws Exception {
    assertThat(ServerProperties.parse(null)).isEmpty();
    assertThat(ServerProperties.parse(Arrays.asList((String) null))).isEmpty();
  }

  @Test
  void reportsEveryMalformedEntryAtOnce() {
    assertThatThrownBy(
            () -> ServerProperties.parse(List.of("novalue", "=x", "server.port=1", "ok=1")))
        .isInstanceOf(ServerException.class)
        .hasMessage(
            "Invalid Conductor server properties: 'novalue' is not key=value; '=x' is not"
                + " key=value; 'server.port' is set by the plugin: use the port parameter instead");
  }

  @Test
  void defaultsKeepEverythingInTheWorkFolderOnSqlite() {
    Path work = Path.of("/tmp/work");

    Map<String, String> effective = ServerProperties.effective(work, 8123, Map.of());

    assertThat(effective)
        .contains(
            entry("server.address", "127.0.0.1"),
            entry("server.port", "8123"),
            entry(
                "spring.datasource.url",
                "jdbc:sqlite:/tmp/work/conductor.db?busy_timeout=15000&journal_mode=WAL"),
            entry("conductor.db.type", "sqlite"),
            entry("conductor.queue.type", "sqlite"),
            entry("conductor.indexing.type", "sqlite"),
            entry("conductor.workflow-execution-lock.type", "local_only"),
            entry("conductor.integrations.ai.enabled", "false"),
            entry("conductor.scheduler.enabled", "false"),
            entry("conductor.indexing.enabled", "true"),
            entry("conductor.elasticsearch.version", "0"),
            entry("loadSample", "false"),
            entry("conductor.app.ownerEmailMandatory", "false"));
  }

  @Test
  void userPropertiesOverrideDefaultsAndAddNewOnes() {
    Map<String, String> effective =
        ServerProperties.effective(
            Path.of("/w"),
            1,
            Map.of("conductor.indexing.type", "none", "conductor.app.ownerEmailMandatory", "true"));

    assertThat(effective)
        .contains(
            entry("conductor.indexing.type", "none"),
            entry("conductor.app.ownerEmailMandatory", "true"));
  }
}
