package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.TaskListOutcome;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync-tasks and list-tasks against a stubbed server: which requests go out, and what the user
 * reads.
 */
class SyncTasksTest {
  static final String TASKDEFS = "/api/metadata/taskdefs";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  Path idflow;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() throws IOException {
    idflow = project.resolve("idflow");
    Files.createDirectories(idflow.resolve("tasks"));
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  /**
   * new_task is not on the server, changed_task differs in two fields, same_task differs only in
   * defaults and audit fields.
   */
  void threeTasks() throws IOException {
    write(
        "tasks/new_task.json",
        """
        {"name": "new_task", "ownerEmail": "me@x.io", "retryCount": 1}\
        """);
    write(
        "tasks/more/changed.json",
        """
        [{"name": "changed_task", "ownerEmail": "me@x.io", "retryCount": 5, "timeoutSeconds": 600, "responseTimeoutSeconds": 60}]\
        """);
    write(
        "tasks/same.json",
        """
        {"name": "same_task", "ownerEmail": "me@x.io", "description": "kept as is"}\
        """);
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    """
                    [{"name": "changed_task", "ownerEmail": "me@x.io", "retryCount": 3, "timeoutSeconds": 300, "responseTimeoutSeconds": 60,
                      "createTime": 1, "createdBy": ""},
                     {"name": "same_task", "ownerEmail": "me@x.io", "description": "kept as is", "retryCount": 3, "timeoutSeconds": 0,
                      "retryLogic": "FIXED", "inputKeys": [], "createTime": 1795936509985, "updateTime": 0},
                     {"name": "someone_elses", "ownerEmail": "them@x.io"}]\
                    """)));
    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));
    server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));
  }

  @Test
  void sendsOneGetOnePostAndPutsOnlyForChangedTasks() throws IOException {
    threeTasks();

    UploadOutcome report =
        SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log);

    server.verify(1, getRequestedFor(urlEqualTo(TASKDEFS)));
    server.verify(
        1,
        postRequestedFor(urlEqualTo(TASKDEFS))
            .withRequestBody(
                equalToJson(
                    "[{\"name\": \"new_task\", \"ownerEmail\": \"me@x.io\", \"retryCount\": 1}]")));
    server.verify(1, putRequestedFor(urlEqualTo(TASKDEFS)));
    server.verify(
        putRequestedFor(urlEqualTo(TASKDEFS))
            .withRequestBody(
                matchingJsonPath(
                    "$.name",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("changed_task"))));
    assertThat(server.getAllServeEvents()).hasSize(3);
    assertThat(report.failed()).isFalse();

    report.render(log);
    assertThat(log.lines())
        .containsExactly(
            "INFO Found 3 task files",
            "INFO ✓ Updated task: changed_task (changed: /retryCount, /timeoutSeconds)",
            "INFO ✓ Created task: new_task",
            "INFO Task same_task is up to date (already exists in Conductor)",
            "INFO ",
            "INFO Task upload results:",
            "INFO   ✓ changed_task",
            "INFO   ✓ new_task",
            "INFO ",
            "INFO Skipped 1 task (already up to date)",
            "INFO ",
            "INFO Summary: 2/3 tasks uploaded successfully (1 created, 1 updated)");
  }

  @Test
  void forceUpdatesEverySelectedTask() throws IOException {
    threeTasks();

    UploadOutcome report =
        SyncTasks.run(
            client,
            LocalFiles.of(idflow),
            new SyncTasks.Options(Set.of(), true, false, null, false),
            log);

    server.verify(1, postRequestedFor(urlEqualTo(TASKDEFS)));
    server.verify(2, putRequestedFor(urlEqualTo(TASKDEFS)));
    report.render(log);
    assertThat(log.lines()).contains("INFO ✓ Updated task: same_task (forced, no changes)");
  }

  @Test
  void syncsOnlyTheNamedTasks() throws IOException {
    threeTasks();

    UploadOutcome report =
        SyncTasks.run(
            client,
            LocalFiles.of(idflow),
            new SyncTasks.Options(Set.of("changed_task"), false, false, null, false),
            log);

    server.verify(0, postRequestedFor(anyUrl()));
    server.verify(1, putRequestedFor(urlEqualTo(TASKDEFS)));
    assertThat(report.results()).extracting(UploadResult::name).containsExactly("changed_task");
    assertThat(log.lines()).containsExactly("INFO Syncing task 'changed_task' with Conductor...");
  }

  @Test
  void dryRunOnlyReads() throws IOException {
    threeTasks();

    UploadOutcome report =
        SyncTasks.run(
            client,
            LocalFiles.of(idflow),
            new SyncTasks.Options(Set.of(), false, true, null, false),
            log);

    assertThat(server.getAllServeEvents()).hasSize(1);
    report.render(log);
    assertThat(log.lines())
        .contains(
            "INFO Would upload task: changed_task (changed: /retryCount, /timeoutSeconds)",
            "INFO Would upload task: new_task (not in Conductor)",
            "INFO Summary: dry run, nothing was uploaded; 2/3 tasks would be uploaded");
  }

  @Test
  void unknownTaskFailsWithTheKnownNamesBeforeAnyRequest() throws IOException {
    threeTasks();

    assertThatThrownBy(
            () ->
                SyncTasks.run(
                    client,
                    LocalFiles.of(idflow),
                    new SyncTasks.Options(Set.of("nope"), false, false, null, false),
                    log))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "Task 'nope' not found in local files (known: changed_task, new_task, same_task)");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anInvalidWorkflowStopsTheSyncBeforeAnyRequest() throws IOException {
    threeTasks();
    // Breaks a server rule: every goal validates all definitions first, as validate does.
    write(
        "workflows/old_schema.json",
        """
        {"name": "old_schema", "schemaVersion": 1, "tasks": [{"name": "t", "taskReferenceName": "t", "type": "SIMPLE"}]}\
        """);

    assertThatThrownBy(
            () -> SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("old_schema.json at /schemaVersion");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aWorkflowFileThatCannotBeReadStillFailsTheSyncBeforeAnyRequest() throws IOException {
    threeTasks();
    write("workflows/broken.json", "{\"name\": \"broken\",");

    assertThatThrownBy(
            () -> SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("broken.json");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void fillsInTheOwnerEmailOfTasksThatHaveNone() throws IOException {
    write(
        "tasks/a.json",
        """
        {"name": "a"}\
        """);
    server.stubFor(get(TASKDEFS).willReturn(okJson("[]")));
    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));

    SyncTasks.run(
        client,
        LocalFiles.of(idflow),
        new SyncTasks.Options(Set.of(), false, false, "team@x.io", false),
        log);

    server.verify(
        postRequestedFor(urlEqualTo(TASKDEFS))
            .withRequestBody(equalToJson("[{\"name\": \"a\", \"ownerEmail\": \"team@x.io\"}]")));
  }

  @Test
  void aRejectedCreateFailsThoseTasksAndStillUpdatesTheRest() throws IOException {
    threeTasks();
    write(
        "tasks/bad.json",
        """
        {"name": "another_new", "retryCount": 2}\
        """);
    server.stubFor(
        post(TASKDEFS)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"status":400,"message":"Validation failed, check below errors for detail.","retryable":false,
                         "validationErrors":[{"path":"registerTaskDef.arg0[1].retryCount","message":"TaskDef retryCount: 0 must be >= 0"}]}\
                        """)));

    UploadOutcome report =
        SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log);

    server.verify(1, putRequestedFor(urlEqualTo(TASKDEFS)));
    assertThat(report.failed()).isTrue();
    assertThat(report.serverUnavailable()).isFalse();
    assertThat(result(report, "another_new").reason())
        .isEqualTo(
            "not uploaded: the server rejected the batch because of another definition (it stores"
                + " all or none)");
    assertThat(result(report, "new_task").reason())
        .isEqualTo("rejected by Conductor (400): TaskDef retryCount: 0 must be >= 0");
    assertThat(result(report, "changed_task").status()).isEqualTo(UploadResult.Status.UPDATED);
    report.render(log);
    assertThat(log.lines())
        .contains(
            "ERROR ✗ Failed to upload task: new_task",
            "ERROR Summary: 1/4 tasks uploaded (0 created, 1 updated), 2 failed");
  }

  @Test
  void aServerThatGoesAwayStopsTheRemainingUpdates() throws IOException {
    threeTasks();
    write(
        "tasks/changed2.json",
        """
        {"name": "changed_too", "retryCount": 9}\
        """);
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    """
                    [{"name": "changed_task", "retryCount": 3}, {"name": "changed_too", "retryCount": 3}, {"name": "same_task", "ownerEmail": "me@x.io", "description": "kept as is"}]\
                    """)));
    server.stubFor(
        put(TASKDEFS).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
    client.close();
    client =
        ConductorClient.builder(server.baseUrl())
            .retries(0)
            .build(); // one request per call: the client's retries are not under test

    UploadOutcome report =
        SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log);

    server.verify(1, putRequestedFor(urlEqualTo(TASKDEFS)));
    assertThat(report.serverUnavailable()).isTrue();
    assertThat(result(report, "changed_task").reason())
        .startsWith("not uploaded: PUT http")
        .contains("answered 503: down for maintenance");
    assertThat(result(report, "changed_too").reason()).startsWith("not uploaded: PUT http");
  }

  @Test
  void aRejectedUpdateFailsOnlyThatTask() throws IOException {
    threeTasks();
    server.stubFor(
        put(TASKDEFS)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        """
                        {"status":404,"message":"No such task by name changed_task","retryable":false}\
                        """)));

    UploadOutcome report =
        SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log);

    assertThat(result(report, "changed_task").reason())
        .isEqualTo("rejected by Conductor (404): No such task by name changed_task");
    assertThat(result(report, "new_task").status()).isEqualTo(UploadResult.Status.CREATED);
  }

  @Test
  void statusListsTheThreeSectionsWithChangedPaths() throws IOException {
    threeTasks();

    TaskListOutcome status = ListTasks.run(client, LocalFiles.of(idflow), null, log);

    assertThat(status.differing()).containsExactly("changed_task");
    status.render(log);
    assertThat(log.lines())
        .containsExactly(
            "INFO Task Synchronization Status:",
            "INFO   Local tasks:  3",
            "INFO   Remote tasks: 3",
            "INFO   Common:       2",
            "INFO   Only local:   1",
            "INFO   Only remote:  1",
            "INFO   Differing:    1",
            "INFO ",
            "INFO Tasks only available locally:",
            "INFO   - new_task",
            "INFO ",
            "INFO Tasks only available remotely:",
            "INFO   - someone_elses",
            "INFO ",
            "INFO Tasks available both locally and remotely:",
            "INFO   - changed_task (differs: /retryCount, /timeoutSeconds)",
            "INFO   - same_task");
    server.verify(1, getRequestedFor(anyUrl()));
  }

  @Test
  void statusListsWhatCanBeReadAndWarnsAboutTheRest() throws IOException {
    write("tasks/broken.json", "{\"name\": ");
    server.stubFor(get(TASKDEFS).willReturn(okJson("[]")));

    TaskListOutcome status = ListTasks.run(client, LocalFiles.of(idflow), null, log);

    assertThat(status.onlyLocal()).isEmpty();
    assertThat(log.lines().get(0))
        .startsWith("WARN idflow/tasks/broken.json")
        .contains("is not valid JSON");
  }

  private UploadResult result(UploadOutcome report, String name) {
    return report.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
