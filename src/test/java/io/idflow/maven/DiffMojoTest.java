package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DiffMojoTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  private RecordingLog log;

  @BeforeEach
  void definitions() throws IOException {
    write(
        "idflow/workflows/order.json",
        "{\"name\":\"order_flow\",\"version\":3,\"timeoutSeconds\":200,\"tasks\":"
            + "[{\"name\":\"charge\",\"taskReferenceName\":\"charge_ref\",\"type\":\"SIMPLE\"}]}");
    write(
        "idflow/workflows/new.json",
        "{\"name\":\"x\",\"version\":1,\"tasks\":[{\"name\":\"charge\",\"taskReferenceName\":\"c\"}]}");
    write(
        "idflow/tasks/charge.json",
        "{\"name\":\"charge\",\"retryCount\":2,\"ownerEmail\":\"pay@x.com\"}");
    server.stubFor(
        get(urlEqualTo("/api/metadata/workflow"))
            .willReturn(
                okJson(
                    "[{\"name\":\"order_flow\",\"version\":3,"
                        + "\"timeoutSeconds\":100,\"tasks\":[{\"name\":\"charge\",\"taskReferenceName\":\"charge_ref\",\"type\":\"SIMPLE\"}]}]")));
    server.stubFor(
        get(urlEqualTo("/api/metadata/taskdefs"))
            .willReturn(
                okJson(
                    "[{\"name\":\"charge\",\"retryCount\":2,"
                        + "\"ownerEmail\":\"pay@x.com\"},{\"name\":\"refund_old\",\"ownerEmail\":\"pay@x.com\"},{\"name\":\"theirs\",\"ownerEmail\":\"o@x.com\"}]")));
  }

  private void write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private DiffMojo mojo() {
    DiffMojo mojo = new DiffMojo();
    log = RecordingLog.attach(mojo);
    set(mojo, "directory", project.resolve("idflow").toFile());
    set(mojo, "conductorUrl", server.baseUrl());
    set(mojo, "reports", true);
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    return mojo;
  }

  @Test
  void printsThePlanAndWritesNothingToTheServer() throws Exception {
    DiffMojo mojo = mojo();
    // Without -X: under it the capability probe adds GETs of its own.
    log = RecordingLog.attachWithoutDebug(mojo);
    mojo.execute();
    assertThat(log.lines())
        .containsSubsequence(
            "INFO ~ workflow order_flow v3",
            "INFO     /timeoutSeconds: 100 -> 200",
            "INFO + workflow x v1 (not in Conductor)",
            "INFO - task refund_old (only in Conductor)",
            "INFO ",
            "INFO Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged");
    assertThat(String.join("\n", log.lines())).doesNotContain("theirs");
    assertThat(server.findAll(anyRequestedFor(anyUrl())))
        .allMatch(r -> r.getMethod().getName().equals("GET"))
        .hasSize(2);
    JsonNode report = Json.mapper().readTree(project.resolve("target/idflow/diff.json").toFile());
    assertThat(report.path("checked").path("taskScope").asText())
        .isEqualTo("ownerEmail pay@x.com (of the one local task definition)");
    assertThat(report.path("checked").path("plan").path("create").asInt()).isEqualTo(1);
    assertThat(report.path("entries").findValuesAsText("outcome"))
        .containsExactly("update", "create", "unchanged", "delete");
  }

  @Test
  void failOnDiffFailsWhenAnythingWouldChange() throws IOException {
    DiffMojo mojo = mojo();
    set(mojo, "failOnDiff", true);
    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);
    assertThat(e.getMessage().lines().toList())
        .containsExactly(
            "Conductor differs from the local definitions (idflow.failOnDiff=true): 1 to create, 1"
                + " to update, 1 to delete, 1 unchanged, listed above",
            "Run 'mvn idflow:upload-workflows' (-Didflow.onDrift=overwrite for changed versions, or"
                + " bump them), 'mvn idflow:purge-orphans' to bring Conductor in line");
    assertThat(log.lines()).contains("INFO ~ workflow order_flow v3");
    JsonNode report = Json.mapper().readTree(project.resolve("target/idflow/diff.json").toFile());
    assertThat(report.path("result").asText()).isEqualTo("failure");
    assertThat(report.path("summary").path("failed").asInt()).isEqualTo(3);
  }

  @Test
  void excludesKeepATaskOutOfTheDeletions() throws Exception {
    DiffMojo mojo = mojo();
    set(mojo, "excludes", "refund_*");
    mojo.execute();
    assertThat(String.join("\n", log.lines()))
        .doesNotContain("refund_old")
        .contains("Plan: 1 to create, 1 to update, 1 unchanged");
  }
}
