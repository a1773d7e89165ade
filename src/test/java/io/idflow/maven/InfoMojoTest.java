package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.idflow.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** info through Maven, and the capability probe that every remote goal shows under -X. */
class InfoMojoTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  @BeforeEach
  void serverAnswers() {
    server.stubFor(
        get("/api/version")
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("3.32.3")));
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
    server.stubFor(get("/api/metadata/taskdefs").willReturn(okJson("[]")));
    server.stubFor(get("/api/event").willReturn(okJson("[]")));
  }

  @Test
  void infoRunsWithoutADefinitionsDirectoryAndNamesTheUrlsSource() throws Exception {
    InfoMojo mojo = new InfoMojo();
    RecordingLog log = RecordingLog.attachWithoutDebug(mojo);
    set(mojo, "conductorUrl", server.baseUrl());
    set(mojo, "auth", "auto");
    set(mojo, "directory", project.resolve("idflow").toFile());

    mojo.execute();

    assertThat(log.lines())
        .contains(
            "INFO Conductor: " + server.baseUrl() + " (from the conductorUrl parameter)",
            "INFO Version:   3.32.3",
            "INFO Definitions in Conductor: 0 workflows (0 versions), 0 task definitions, 0 event"
                + " handlers")
        .anyMatch(
            l -> l.startsWith("INFO Definitions in ") && l.endsWith(": none (no such directory)"))
        .anyMatch(l -> l.startsWith("INFO Auth:      "));
  }

  @Test
  void aRemoteGoalShowsTheProbeOnlyUnderDebug() throws Exception {
    ListTasksMojo quiet = listTasks();
    RecordingLog without = RecordingLog.attachWithoutDebug(quiet);
    quiet.execute();
    assertThat(without.lines()).noneMatch(l -> l.contains("Conductor probe"));
    assertThat(server.findAll(anyRequestedFor(anyUrl())))
        .extracting(r -> r.getUrl())
        .containsExactly("/api/metadata/taskdefs");

    ListTasksMojo debug = listTasks();
    RecordingLog with = RecordingLog.attach(debug);
    debug.execute();
    assertThat(with.lines())
        .contains(
            "DEBUG Conductor probe: Conductor version: 3.32.3",
            "DEBUG Conductor probe: secrets (GET /api/secrets): no (404)",
            "DEBUG Conductor probe: scheduler (GET /api/scheduler/schedules): no (404)");
  }

  private ListTasksMojo listTasks() throws Exception {
    java.nio.file.Files.createDirectories(project.resolve("idflow/tasks"));
    ListTasksMojo mojo = new ListTasksMojo();
    set(mojo, "conductorUrl", server.baseUrl());
    set(mojo, "auth", "auto");
    set(mojo, "directory", project.resolve("idflow").toFile());
    return mojo;
  }
}
