package io.idflow.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields conductor-common does not know reach the server as written, and a server that drops them
 * (Conductor 3.32.3 does) does not make every later run report drift or rewrite the definition.
 */
class UnknownFieldsTest {
  private static final String WORKFLOW =
      """
      {"name": "audit order", "version": 1, "ownerEmail": "team@example.com", "x-team": {"owner": "payments", "tier": 2},
       "tasks": [{"name": "check", "taskReferenceName": "check_ref", "type": "SIMPLE", "someNewServerField": "kept?"}]}\
      """;

  /** As 3.32.3 returns it: defaults and audit fields added, the unknown fields gone. */
  private static final String WORKFLOW_AS_STORED =
      """
      {"createTime": 0, "updateTime": 1795944507811, "name": "audit order", "version": 1, "ownerEmail": "team@example.com",
       "tasks": [{"name": "check", "taskReferenceName": "check_ref", "type": "SIMPLE", "inputParameters": {}, "decisionCases": {},
         "defaultCase": [], "forkTasks": [], "startDelay": 0, "joinOn": [], "optional": false, "defaultExclusiveJoinTask": [],
         "asyncComplete": false, "loopOver": [], "onStateChange": {}, "permissive": false, "metadata": {}}],
       "inputParameters": [], "outputParameters": {}, "schemaVersion": 2, "restartable": true, "workflowStatusListenerEnabled": false,
       "timeoutPolicy": "ALERT_ONLY", "timeoutSeconds": 0, "variables": {}, "inputTemplate": {}, "enforceSchema": true,
       "metadata": {}, "maskedFields": []}\
      """;

  private static final String TASK =
      """
      {"name": "check", "ownerEmail": "team@example.com", "retryCount": 1, "someNewServerField": {"mode": "fast"}, "x-team": "payments"}\
      """;
  private static final String TASK_AS_STORED =
      """
      {"createTime": 1795944510170, "updateTime": 0, "createdBy": "", "name": "check", "ownerEmail": "team@example.com", "retryCount": 1,
       "timeoutSeconds": 0, "inputKeys": [], "outputKeys": [], "runtimeMetadata": [], "timeoutPolicy": "TIME_OUT_WF",
       "retryLogic": "FIXED", "retryDelaySeconds": 60, "responseTimeoutSeconds": 3600, "inputTemplate": {},
       "rateLimitPerFrequency": 0, "rateLimitFrequencyInSeconds": 1, "backoffScaleFactor": 1, "maxRetryDelaySeconds": 0,
       "backoffJitterMs": 0, "totalTimeoutSeconds": 0, "taskStatusListenerEnabled": true, "enforceSchema": false}\
      """;

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;
  private Path idflow;
  private ConductorClient client;

  @BeforeEach
  void setUp() throws IOException {
    idflow = project.resolve("idflow");
    Files.createDirectories(idflow.resolve("workflows"));
    Files.createDirectories(idflow.resolve("tasks"));
    Files.writeString(idflow.resolve("workflows/audit.json"), WORKFLOW);
    Files.writeString(idflow.resolve("tasks/check.json"), TASK);
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void uploadSendsUnknownFieldsAsWritten() {
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"audit order\"]}")));

    UploadOutcome report =
        UploadWorkflows.run(
            client, LocalFiles.of(idflow), UploadWorkflows.Options.defaults(), new CollectingLog());

    assertThat(report.results())
        .extracting(UploadResult::status)
        .containsExactly(UploadResult.Status.UPLOADED);
    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(equalToJson("[" + WORKFLOW + "]")));
  }

  @Test
  void rerunIsUpToDateWhenTheServerDroppedTheUnknownFields() {
    server.stubFor(
        get("/api/metadata/workflow").willReturn(okJson("[" + WORKFLOW_AS_STORED + "]")));

    UploadOutcome report =
        UploadWorkflows.run(
            client, LocalFiles.of(idflow), UploadWorkflows.Options.defaults(), new CollectingLog());

    assertThat(report.results())
        .extracting(UploadResult::status)
        .containsExactly(UploadResult.Status.UP_TO_DATE);
    assertThat(server.getAllServeEvents()).hasSize(2); // the names and versions, the listing
  }

  @Test
  void syncSendsUnknownTaskFieldsAsWrittenAndARerunWritesNothing() {
    server.stubFor(get("/api/metadata/taskdefs").willReturn(okJson("[]")));
    server.stubFor(post("/api/metadata/taskdefs").willReturn(aResponse().withStatus(200)));

    assertThat(
            SyncTasks.run(
                    client,
                    LocalFiles.of(idflow),
                    SyncTasks.Options.defaults(),
                    new CollectingLog())
                .results())
        .extracting(UploadResult::status)
        .containsExactly(UploadResult.Status.CREATED);
    server.verify(
        1,
        postRequestedFor(urlEqualTo("/api/metadata/taskdefs"))
            .withRequestBody(equalToJson("[" + TASK + "]")));

    server.resetAll();
    server.stubFor(get("/api/metadata/taskdefs").willReturn(okJson("[" + TASK_AS_STORED + "]")));
    assertThat(
            SyncTasks.run(
                    client,
                    LocalFiles.of(idflow),
                    SyncTasks.Options.defaults(),
                    new CollectingLog())
                .results())
        .extracting(UploadResult::status)
        .containsExactly(UploadResult.Status.UP_TO_DATE);
    server.verify(1, anyRequestedFor(anyUrl()));
  }
}
