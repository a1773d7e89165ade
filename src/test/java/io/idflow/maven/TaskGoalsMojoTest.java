package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task goals' parameters and their translation of outcomes into Maven's two kinds of failure.
 */
@MojoTest
class TaskGoalsMojoTest {
  static final String TASKDEFS = "/api/metadata/taskdefs";

  private WireMockServer server;

  @TempDir Path target;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    """
                    [{"name": "mt_charge", "ownerEmail": "pay@example.com", "retryCount": 3, "timeoutSeconds": 300, "responseTimeoutSeconds": 60},
                     {"name": "mt_old_1", "ownerEmail": "pay@example.com"}, {"name": "mt_old_2", "ownerEmail": "pay@example.com"},
                     {"name": "mt_foreign", "ownerEmail": "other@example.com"}]\
                    """)));
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private void pointAtServer(AbstractMojo mojo) throws Exception {
    MojoExtension.setVariableValueToObject(mojo, "conductorUrl", server.baseUrl());
    MojoExtension.setVariableValueToObject(
        mojo, "retries", 0); // one request per call: retries are the client's tests' business
  }

  @Test
  @InjectMojo(goal = "sync-tasks")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  void syncTasksCreatesAndUpdates(SyncTasksMojo mojo) throws Exception {
    pointAtServer(mojo);
    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));
    server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .contains(
            "INFO Found 1 task file (2 tasks)",
            "INFO ✓ Updated task: mt_charge (changed: /retryCount)",
            "INFO ✓ Created task: mt_refund",
            "INFO Summary: 2/2 tasks uploaded successfully (1 created, 1 updated)");
  }

  @Test
  @InjectMojo(goal = "sync-tasks")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  @MojoParameter(name = "task", value = "mt_refund, nope")
  void syncTasksFailsOnAnUnknownTaskNamingTheKnownOnes(SyncTasksMojo mojo) throws Exception {
    pointAtServer(mojo);
    // Without -X: under it the capability probe asks the server first.
    RecordingLog.attachWithoutDebug(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Task 'nope' not found in local files (known: mt_charge, mt_refund)");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  @InjectMojo(goal = "sync-tasks")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  void syncTasksRejectedIsAFailureAndServerErrorAnError(SyncTasksMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog.attach(mojo);
    server.stubFor(
        post(TASKDEFS)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        """
                        {"status":400,"message":"Validation failed, check below errors for detail.","validationErrors":[]}\
                        """)));
    server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "1/2 tasks uploaded (0 created, 1 updated), 1 failed: mt_refund; POST "
                + server.baseUrl()
                + TASKDEFS
                + " answered 400: Validation failed, check below errors for detail.");

    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(502)));
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(
            "Conductor at "
                + server.baseUrl()
                + " could not take the task definitions: 0/2 tasks uploaded,"
                + " 2 failed: mt_charge, mt_refund; POST "
                + server.baseUrl()
                + TASKDEFS
                + " answered 502");
  }

  @Test
  @InjectMojo(goal = "purge-orphans")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  @MojoParameter(name = "maxDeletions", value = "1")
  void purgeGuardFailsNamingTheParameterAndDeletesNothing(PurgeOrphansMojo mojo) throws Exception {
    pointAtServer(mojo);
    MojoExtension.setVariableValueToObject(mojo, "backupDirectory", target.toFile());
    RecordingLog log = RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("more than idflow.purge.maxDeletions=1; nothing was deleted");
    assertThat(log.lines())
        .contains(
            "INFO   - mt_old_1 (owner pay@example.com)",
            "INFO   - mt_old_2 (owner pay@example.com)");
    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(target.toFile().list()).isEmpty();
  }

  @Test
  @InjectMojo(goal = "purge-orphans")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  void purgeDefaultsToTenDeletionsAndFailsWhenADeleteFails(PurgeOrphansMojo mojo) throws Exception {
    pointAtServer(mojo);
    Object maxDeletions = MojoExtension.getVariableValueFromObject(mojo, "maxDeletions");
    assertThat(maxDeletions).isEqualTo(10);
    MojoExtension.setVariableValueToObject(mojo, "backupDirectory", target.toFile());
    server.stubFor(
        delete(urlPathMatching(TASKDEFS + "/.*")).willReturn(aResponse().withStatus(200)));
    server.stubFor(
        delete(TASKDEFS + "/mt_old_2")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(
                        """
                        {"status":500,"message":"Error while deleting"}\
                        """)));
    server.stubFor(
        get(TASKDEFS + "/mt_old_2")
            .willReturn(okJson("{\"name\": \"mt_old_2\", \"ownerEmail\": \"pay@example.com\"}")));
    RecordingLog log = RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(
            "Could not purge 1 of 2 orphaned tasks: mt_old_2 (all are backed up in " + target);
    assertThat(log.lines())
        .contains(
            "INFO ✓ Purged task: mt_old_1",
            "ERROR Purge Summary: 1 task purged successfully, 1 failed");
    File[] runs = target.toFile().listFiles();
    assertThat(runs).hasSize(1);
    assertThat(new File(runs[0], "tasks").list())
        .containsExactlyInAnyOrder("mt_old_1.json", "mt_old_2.json");
  }

  @Test
  @InjectMojo(goal = "purge-orphans")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  @MojoParameter(name = "ownerEmail", value = "other@example.com")
  @MojoParameter(name = "dryRun", value = "true")
  void purgeTakesTheOwnerFromTheParameter(PurgeOrphansMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .contains(
            "INFO The following tasks will be purged (not available locally):",
            "INFO   - mt_foreign (owner other@example.com)");
    server.verify(0, deleteRequestedFor(anyUrl()));
  }

  @Test
  @InjectMojo(goal = "list-workflows")
  @MojoParameter(name = "directory", value = "does/not/exist")
  @MojoParameter(name = "source", value = "conductor")
  void listWorkflowsFromConductorNeedsNoDirectory(ListWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .filteredOn(l -> !l.startsWith("DEBUG"))
        .containsExactly("INFO Workflows in Conductor:", "INFO   (none)");
  }

  @Test
  @InjectMojo(goal = "list-workflows")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  @MojoParameter(name = "source", value = "remote")
  void listWorkflowsRejectsAnUnknownSource(ListWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Unknown idflow.source 'remote': use one of all, local, conductor");
  }

  @Test
  @InjectMojo(goal = "list-tasks")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/tasks")
  void listTasksShowsTheCounts(ListTasksMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .contains(
            "INFO   Only remote:  3",
            "INFO   - mt_charge (differs: /retryCount)",
            "INFO   - mt_refund");
  }
}
