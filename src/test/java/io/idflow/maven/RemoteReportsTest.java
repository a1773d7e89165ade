package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.idflow.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * upload-workflows and start-workflow leave their report through the base Mojo like every remote
 * goal.
 */
class RemoteReportsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  private <T extends AbstractRemoteMojo> T configure(T mojo) {
    RecordingLog.attach(mojo);
    if (mojo instanceof AbstractDefinitionsMojo) {
      set(mojo, "directory", project.resolve("idflow").toFile());
    }
    set(mojo, "conductorUrl", server.baseUrl().replace("http://", "http://user:pw@"));
    set(mojo, "reports", true);
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    return mojo;
  }

  private JsonNode report(String goal) throws IOException {
    Path json = project.resolve("target/idflow/" + goal + ".json");
    assertThat(project.resolve("target/idflow/TEST-idflow-" + goal + ".xml")).exists();
    assertThat(Files.readString(json)).doesNotContain("user:pw");
    return Json.mapper().readTree(json.toFile());
  }

  @Test
  void uploadWorkflowsReportsEachWorkflow() throws Exception {
    Path wf = project.resolve("idflow/workflows/a.json");
    Files.createDirectories(wf.getParent());
    Files.writeString(
        wf,
        "{\"name\":\"a\",\"version\":1,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"INLINE\"}]}");
    server.stubFor(get(urlEqualTo("/api/metadata/workflow")).willReturn(okJson("[]")));
    server.stubFor(
        put(urlEqualTo("/api/metadata/workflow"))
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"a\"]}")));

    UploadWorkflowsMojo mojo = configure(new UploadWorkflowsMojo());
    set(mojo, "onDrift", "warn");
    mojo.execute();

    JsonNode report = report("upload-workflows");
    assertThat(report.path("result").asText()).isEqualTo("success");
    assertThat(report.path("conductorUrl").asText()).isEqualTo(server.baseUrl());
    assertThat(report.path("checked").path("onDrift").asText()).isEqualTo("warn");
    assertThat(report.path("entries").get(0).path("name").asText()).isEqualTo("a");
    assertThat(report.path("entries").get(0).path("outcome").asText()).isEqualTo("uploaded");
  }

  @Test
  void aCredentialTheServerEchoesNeverReachesTheReport() throws IOException {
    Path wf = project.resolve("idflow/workflows/a.json");
    Files.createDirectories(wf.getParent());
    Files.writeString(
        wf,
        "{\"name\":\"a\",\"version\":1,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"INLINE\"}]}");
    server.stubFor(
        get(urlEqualTo("/api/metadata/workflow"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"status\":401,\"message\":\"token tok-s3cr3t-42 is not valid\"}")));
    org.apache.maven.settings.Server credentials = new org.apache.maven.settings.Server();
    credentials.setId("conductor");
    credentials.setPassword("tok-s3cr3t-42");
    org.apache.maven.settings.Settings settings = new org.apache.maven.settings.Settings();
    settings.addServer(credentials);

    CheckMissingMojo mojo = configure(new CheckMissingMojo());
    set(mojo, "settings", settings);
    set(mojo, "serverId", "conductor");
    set(mojo, "auth", "auto");
    set(mojo, "failOnMissing", true);
    catchThrowableOfType(MojoFailureException.class, mojo::execute);

    for (String file : List.of("check-missing.json", "TEST-idflow-check-missing.xml")) {
      String text = Files.readString(project.resolve("target/idflow/" + file));
      assertThat(text).contains("token **** is not valid").doesNotContain("tok-s3cr3t-42");
    }
  }

  @Test
  void syncTasksAndPurgeOrphansReportEachTaskDefinition() throws Exception {
    Path task = project.resolve("idflow/tasks/mine.json");
    Files.createDirectories(task.getParent());
    Files.writeString(task, "{\"name\":\"mine\",\"ownerEmail\":\"us@x.com\",\"retryCount\":1}");
    server.stubFor(get(urlEqualTo("/api/metadata/workflow")).willReturn(okJson("[]")));
    server.stubFor(
        get(urlEqualTo("/api/metadata/taskdefs"))
            .willReturn(
                okJson(
                    "[{\"name\":\"mine\",\"ownerEmail\":\"us@x.com\","
                        + "\"retryCount\":1},{\"name\":\"old\",\"ownerEmail\":\"us@x.com\"},{\"name\":\"theirs\",\"ownerEmail\":\"o@x.com\"}]")));

    SyncTasksMojo sync = configure(new SyncTasksMojo());
    set(sync, "dryRun", false);
    sync.execute();
    JsonNode synced = report("sync-tasks").path("entries").get(0);
    assertThat(
            synced.path("kind").asText()
                + " "
                + synced.path("name").asText()
                + " "
                + synced.path("outcome").asText())
        .isEqualTo("task mine up-to-date");
    assertThat(synced.path("version").isNull()).isTrue();

    PurgeOrphansMojo purge = configure(new PurgeOrphansMojo());
    set(purge, "dryRun", true);
    set(purge, "maxDeletions", 10);
    set(purge, "backupDirectory", project.resolve("target/backup").toFile());
    purge.execute();
    JsonNode purged = report("purge-orphans");
    assertThat(purged.path("checked").path("taskScope").asText()).startsWith("ownerEmail us@x.com");
    assertThat(purged.path("entries")).hasSize(1);
    assertThat(purged.path("entries").get(0).path("name").asText()).isEqualTo("old");
    assertThat(purged.path("entries").get(0).path("outcome").asText()).isEqualTo("would-purge");
  }

  @Test
  void startWorkflowReportsTheExecution() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/api/workflow/hello")).willReturn(aResponse().withBody("wf-123")));
    StartWorkflowMojo mojo = configure(new StartWorkflowMojo());
    set(mojo, "workflow", "hello");
    mojo.execute();

    JsonNode entry = report("start-workflow").path("entries").get(0);
    assertThat(entry.path("kind").asText()).isEqualTo("execution");
    assertThat(entry.path("outcome").asText()).isEqualTo("started");
    assertThat(entry.path("detail").asText()).isEqualTo("workflowId wf-123");
  }

  @Test
  void startWorkflowOfAnUnknownWorkflowIsAFailedRun() throws IOException {
    server.stubFor(
        post(urlPathEqualTo("/api/workflow/nope"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        "{\"status\":404,\"message\":\"No such workflow found by name: nope,"
                            + " version: null\"}")));
    StartWorkflowMojo mojo = configure(new StartWorkflowMojo());
    set(mojo, "workflow", "nope");
    catchThrowableOfType(MojoFailureException.class, mojo::execute);

    JsonNode report = report("start-workflow");
    assertThat(report.path("result").asText()).isEqualTo("failure");
    assertThat(report.path("message").asText()).contains("is not registered in Conductor");
  }
}
