package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MojoTest
class UploadWorkflowsMojoTest {
  private WireMockServer server;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private void pointAtServer(UploadWorkflowsMojo mojo) throws Exception {
    MojoExtension.setVariableValueToObject(mojo, "conductorUrl", server.baseUrl());
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "workflow", value = "hello_inline")
  void uploadsTheSelectedWorkflowInOneBulkRequest(UploadWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"hello_inline\"]}")));
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    server.verify(1, putRequestedFor(urlEqualTo("/api/metadata/workflow")));
    assertThat(log.lines())
        .contains(
            "INFO Uploading workflow 'hello_inline' to Conductor...",
            "INFO ✓ Uploaded workflow: hello_inline",
            "INFO Summary: 1/1 workflows uploaded successfully");
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  void aRejectionIsABuildFailureWithTheServersMessage(UploadWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":400,\"message\":\"Validation failed, check below errors for"
                            + " detail.\",\"validationErrors\":[{\"path\":\"updateWorkflowDef.arg0[0]\",\"message\":\"evaluatorType"
                            + " field is required\"}]}")));
    RecordingLog log = RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("answered 400: Validation failed");
    assertThat(log.lines())
        .contains("ERROR ✗ Failed to upload workflow: content_pipeline")
        .anyMatch(l -> l.contains("evaluatorType field is required"))
        .noneMatch(l -> l.contains("uploaded successfully"));
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  void aServerErrorIsABuildErrorNamingTheUrl(UploadWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(aResponse().withStatus(503).withBody("maintenance")));
    RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("Conductor at " + server.baseUrl() + " could not take the upload")
        .hasMessageContaining("answered 503: maintenance");
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  void anUnreachableServerIsABuildErrorNamingTheUrl(UploadWorkflowsMojo mojo) throws Exception {
    MojoExtension.setVariableValueToObject(mojo, "conductorUrl", "http://127.0.0.1:1");
    RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("cannot reach Conductor at http://127.0.0.1:1/api");
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "onDrift", value = "sometimes")
  void anUnknownDriftPolicyFailsBeforeAnyRequest(UploadWorkflowsMojo mojo) throws Exception {
    pointAtServer(mojo);
    RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Unknown drift policy 'sometimes': use one of warn, fail, overwrite");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
