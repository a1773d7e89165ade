package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.idflow.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idflow.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckMissingMojoTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  private RecordingLog log;

  private static final String ORDER_FLOW =
      """
      {"name":"order_flow","version":3,"schemaVersion":2,"tasks":[
        {"name":"fetch_url","taskReferenceName":"fetch_ref","type":"SIMPLE"},
        {"name":"child","taskReferenceName":"child_ref","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"child","version":2}}]}\
      """;

  @BeforeEach
  void definitions() throws IOException {
    Path wf = project.resolve("idflow/workflows/order.json");
    Files.createDirectories(wf.getParent());
    Files.writeString(wf, ORDER_FLOW);
  }

  private CheckMissingMojo mojo(String url) {
    CheckMissingMojo mojo = new CheckMissingMojo();
    log = RecordingLog.attach(mojo);
    set(mojo, "directory", project.resolve("idflow").toFile());
    set(mojo, "conductorUrl", url);
    set(mojo, "reports", true);
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    set(mojo, "failOnMissing", true);
    return mojo;
  }

  private void serverHolds(String workflows, String taskDefs) {
    server.stubFor(get(urlEqualTo("/api/metadata/workflow")).willReturn(okJson(workflows)));
    server.stubFor(get(urlEqualTo("/api/metadata/taskdefs")).willReturn(okJson(taskDefs)));
  }

  private JsonNode jsonReport() throws IOException {
    return Json.mapper().readTree(project.resolve("target/idflow/check-missing.json").toFile());
  }

  @Test
  void readsTheNamesThenTwoListingsAndWritesNothing() throws Exception {
    serverHolds(
        "[" + ORDER_FLOW + ",{\"name\":\"child\",\"version\":2,\"tasks\":[]}]",
        "[{\"name\":\"fetch_url\"}]");
    CheckMissingMojo mojo = mojo(server.baseUrl());
    // Without -X: under it the capability probe adds GETs of its own.
    log = RecordingLog.attachWithoutDebug(mojo);
    mojo.execute();

    List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests)
        .extracting(r -> r.getMethod().getName() + " " + r.getUrl())
        .containsExactlyInAnyOrder(
            "GET /api/metadata/workflow/names-and-versions",
            "GET /api/metadata/workflow",
            "GET /api/metadata/taskdefs");
    assertThat(log.lines())
        .contains(
            "INFO Nothing missing in Conductor: checked 1 local workflow, 0 required workflows,"
                + " 1 sub-workflow reference, 1 SIMPLE task and 0 local task definitions");
    assertThat(jsonReport().path("result").asText()).isEqualTo("success");
  }

  @Test
  void failsListingEverythingThatIsMissing() throws IOException {
    serverHolds("[]", "[]");
    CheckMissingMojo mojo = mojo(server.baseUrl());
    set(mojo, "requiredWorkflows", "payments");

    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);
    assertThat(e.getMessage().lines().toList())
        .contains(
            "Missing workflows: child v2, order_flow v3, payments",
            "  child v2: sub-workflow of order_flow v3 (task ref child_ref); not in local files:"
                + " deploy it from the project that defines it",
            "Run 'mvn idflow:upload-workflows' to upload missing workflows",
            "Missing task definitions: fetch_url");
    // Listed once, in the failure Maven prints; the log has the summary line.
    assertThat(log.lines())
        .noneMatch(l -> l.contains("Missing task definitions"))
        .contains(
            "ERROR 4 definitions missing in Conductor (3 workflows, 1 task definition): checked 1"
                + " local workflow, 1 required workflow, 1 sub-workflow reference, 1 SIMPLE task"
                + " and 0 local task definitions");
    JsonNode report = jsonReport();
    assertThat(report.path("result").asText()).isEqualTo("failure");
    assertThat(report.path("summary").path("failed").asInt()).isEqualTo(4);
    assertThat(report.path("checked").path("requiredWorkflows").get(0).asText())
        .isEqualTo("payments");
    assertThat(project.resolve("target/idflow/TEST-idflow-check-missing.xml")).exists();
  }

  @Test
  void onlyWarnsWhenFailOnMissingIsFalse() throws Exception {
    serverHolds("[]", "[]");
    CheckMissingMojo mojo = mojo(server.baseUrl());
    set(mojo, "failOnMissing", false);
    mojo.execute();

    assertThat(log.lines())
        .contains(
            "WARN Missing workflows: child v2, order_flow v3",
            "WARN Missing task definitions: fetch_url",
            "WARN Run 'mvn idflow:upload-workflows' to upload missing workflows");
    assertThat(log.lines())
        .noneMatch(l -> l.startsWith("ERROR"))
        .anyMatch(l -> l.startsWith("WARN 3 definitions missing"));
    JsonNode report = jsonReport();
    assertThat(report.path("result").asText()).isEqualTo("success");
    // The build passes, but missing definitions stay failed tests for CI to show.
    assertThat(report.path("summary").path("failed").asInt()).isEqualTo(3);
  }

  @Test
  void unreachableServerIsAnErrorNamingTheUrlNotEverythingMissing() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    MojoExecutionException e =
        catchThrowableOfType(
            MojoExecutionException.class, mojo("http://127.0.0.1:" + closed)::execute);
    assertThat(e.getMessage())
        .contains("cannot reach Conductor at http://127.0.0.1:" + closed + "/api");
    assertThat(String.join("\n", log.lines())).doesNotContain("Missing");
    JsonNode report = jsonReport();
    assertThat(report.path("result").asText()).isEqualTo("error");
    assertThat(report.path("entries")).isEmpty();
    assertThat(report.path("message").asText()).contains("http://127.0.0.1:" + closed);
  }

  @Test
  void serverErrorIsAnExecutionError() {
    server.stubFor(
        get(urlEqualTo("/api/metadata/workflow"))
            .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"db down\"}")));
    MojoExecutionException e =
        catchThrowableOfType(MojoExecutionException.class, mojo(server.baseUrl())::execute);
    assertThat(e.getMessage()).contains("answered 500: db down");
    server.verify(0, getRequestedFor(urlEqualTo("/api/metadata/taskdefs")));
  }

  @Test
  void failOnDriftFailsWithTheDifferingPaths() throws Exception {
    serverHolds(
        "["
            + ORDER_FLOW.replace("\"schemaVersion\":2", "\"schemaVersion\":2,\"timeoutSeconds\":60")
            + ",{\"name\":\"child\",\"version\":2,\"tasks\":[]}]",
        "[{\"name\":\"fetch_url\"}]");
    mojo(server.baseUrl()).execute();
    assertThat(log.lines()).contains("WARN     /timeoutSeconds: 60 -> 0");

    CheckMissingMojo strict = mojo(server.baseUrl());
    set(strict, "failOnDrift", true);
    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, strict::execute);
    assertThat(e.getMessage())
        .contains(
            "Drift: 1 workflow differs from Conductor at the same version (failOnDrift=true)",
            "  workflow order_flow v3 (idflow/workflows/order.json)",
            "    /timeoutSeconds: 60 -> 0");
    assertThat(jsonReport().path("entries").findValuesAsText("outcome")).contains("drifted");
  }

  @Test
  void writesNoReportWhenReportsAreOff() throws Exception {
    serverHolds(
        "[" + ORDER_FLOW + ",{\"name\":\"child\",\"version\":2,\"tasks\":[]}]",
        "[{\"name\":\"fetch_url\"}]");
    CheckMissingMojo mojo = mojo(server.baseUrl());
    set(mojo, "reports", false);
    mojo.execute();
    assertThat(project.resolve("target/idflow")).doesNotExist();
  }

  @Test
  void badRequiredWorkflowsIsAFailureNamingTheEntry() {
    CheckMissingMojo mojo = mojo(server.baseUrl());
    set(mojo, "requiredWorkflows", "a:latest");
    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);
    assertThat(e.getMessage()).contains("'a:latest'");
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void goalNameComesFromTheClassWithoutAnExecution() {
    assertThat(mojo(server.baseUrl()).goal()).isEqualTo("check-missing");
    assertThat(new UploadWorkflowsMojo().goal()).isEqualTo("upload-workflows");
  }
}
