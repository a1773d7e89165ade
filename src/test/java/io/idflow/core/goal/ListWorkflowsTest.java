package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.WorkflowListOutcome.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** list-workflows: each source, and the status of each local workflow. */
class ListWorkflowsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path idflow;

  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(idflow.resolve("workflows"));
    Files.writeString(
        idflow.resolve("workflows/flows.json"),
        """
        [{"name": "b_flow", "version": 2, "tasks": [{"name": "t", "taskReferenceName": "t_ref", "type": "INLINE"}]},
         {"name": "a_flow", "version": 1, "timeoutSeconds": 60, "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]},
         {"name": "c_flow", "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]}]\
        """);
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    """
                    [{"name": "b_flow", "version": 2, "schemaVersion": 2, "tasks": [{"name": "t", "taskReferenceName": "t_ref", "type": "INLINE", "optional": false}]},
                     {"name": "b_flow", "version": 1, "tasks": []},
                     {"name": "a_flow", "version": 1, "timeoutSeconds": 30, "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]},
                     {"name": "z_remote_only", "version": 10, "tasks": []},
                     {"name": "z_remote_only", "version": 9, "tasks": []}]\
                    """)));
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void allListsLocalWorkflowsWithTheirStatusThenTheServers() {
    ListWorkflows.run(client, LocalFiles.of(idflow), Source.ALL, null, log).render(log);

    assertThat(log.lines())
        .containsExactly(
            "INFO Local workflow files:",
            "INFO   a_flow v1 - drifted (/timeoutSeconds)",
            "INFO   b_flow v2 - up to date",
            "INFO   c_flow v1 - missing in Conductor",
            "INFO ",
            "INFO Workflows in Conductor:",
            "INFO   a_flow (v1)",
            "INFO   b_flow (v1, v2)",
            "INFO   z_remote_only (v9, v10)");
  }

  @Test
  void localDoesNotAskTheServer() {
    ListWorkflows.run(client, LocalFiles.of(idflow), Source.LOCAL, null, log).render(log);

    assertThat(log.lines())
        .containsExactly(
            "INFO Local workflow files:",
            "INFO   a_flow v1",
            "INFO   b_flow v2",
            "INFO   c_flow v1");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void conductorDoesNotReadLocalFiles() {
    ListWorkflows.run(client, LocalFiles.of(idflow.resolve("missing")), Source.CONDUCTOR, null, log)
        .render(log);

    assertThat(log.lines()).first().isEqualTo("INFO Workflows in Conductor:");
    assertThat(log.lines()).hasSize(4);
  }

  @Test
  void unknownSourceNamesTheChoices() {
    assertThatThrownBy(() -> Source.parse("remote"))
        .hasMessage("Unknown idflow.source 'remote': use one of all, local, conductor");
    assertThat(Source.parse(" Conductor ")).isEqualTo(Source.CONDUCTOR);
  }
}
