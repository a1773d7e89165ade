package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.SyncOutcome;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.plan.DriftPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real server cannot show: an answer that claims a write the server's list does not have,
 * and a failing kind stopping the kinds after it in {@code sync}.
 */
class EventHandlerSyncTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  static final String HANDLER =
      "{\"name\": \"h\", \"event\": \"conductor:a:b\", \"active\": true, \"actions\":"
          + " [{\"action\": \"start_workflow\", \"start_workflow\": {\"name\": \"w\"}}]}";

  @BeforeEach
  void setUp() throws IOException {
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
    write("events/h.json", HANDLER);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private void write(String file, String json) throws IOException {
    Path path = project.resolve("idflow").resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, json);
  }

  private LocalFiles files() {
    return LocalFiles.of(project.resolve("idflow"));
  }

  @Test
  void aWriteTheServersListDoesNotShowIsNotConfirmed() {
    server.stubFor(get("/api/event").willReturn(okJson("[]")));
    server.stubFor(post("/api/event").willReturn(aResponse().withStatus(200)));

    UploadOutcome outcome =
        SyncTasks.sync(Kind.EVENT_HANDLER, client, files(), SyncTasks.Options.defaults(), log);

    assertThat(outcome.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(UploadResult.Status.FAILED);
              assertThat(r.reason())
                  .isEqualTo(
                      "not confirmed: the server answered, but its list of event handlers does"
                          + " not show it (a gateway that answers for Conductor?)");
            });
    assertThat(outcome.failure()).isPresent();
  }

  @Test
  void aWriteIsConfirmedWhenTheListShowsItWithTheServersDefaultsFilledIn() {
    server.stubFor(
        get("/api/event")
            .inScenario("write")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("[]")));
    server.stubFor(
        post("/api/event")
            .inScenario("write")
            .willReturn(aResponse().withStatus(200))
            .willSetStateTo("written"));
    server.stubFor(
        get("/api/event")
            .inScenario("write")
            .whenScenarioStateIs("written")
            .willReturn(
                okJson(
                    "[{\"name\": \"h\", \"event\": \"conductor:a:b\", \"active\": true,"
                        + " \"actions\": [{\"action\": \"start_workflow\", \"start_workflow\":"
                        + " {\"name\": \"w\", \"input\": {}}, \"expandInlineJSON\": false}]}]")));

    UploadOutcome outcome =
        SyncTasks.sync(Kind.EVENT_HANDLER, client, files(), SyncTasks.Options.defaults(), log);

    assertThat(outcome.results())
        .extracting(UploadResult::status)
        .containsExactly(UploadResult.Status.CREATED);
    assertThat(outcome.failure()).isEmpty();
  }

  @Test
  void aServerThatCannotListALaterKindGetsNothingWritten() throws IOException {
    write("tasks/t.json", "{\"name\": \"t\", \"ownerEmail\": \"a@b.c\"}");
    write(
        "schedules/s.json",
        "{\"name\": \"s\", \"cronExpression\": \"@daily\", \"startWorkflowRequest\":"
            + " {\"name\": \"w\"}}");
    server.stubFor(get(anyUrl()).willReturn(okJson("[]")));
    server.stubFor(
        get("/api/scheduler/schedules")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\": 404, \"message\": \"No static resource\"}")));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Sync.run(
                    client, files(), new Sync.Options(false, DriftPolicy.WARN, null, false), log))
        .hasMessageContaining("Nothing was synced");
    server.verify(0, postRequestedFor(urlEqualTo("/api/metadata/taskdefs")));
    server.verify(0, postRequestedFor(urlEqualTo("/api/event")));
  }

  @Test
  void aFailingKindStopsTheKindsAfterIt() throws IOException {
    write("tasks/t.json", "{\"name\": \"t\", \"ownerEmail\": \"a@b.c\"}");
    write(
        "workflows/w.json",
        "{\"name\": \"w\", \"ownerEmail\": \"a@b.c\", \"tasks\": [{\"name\": \"t\","
            + " \"taskReferenceName\": \"t\"}]}");
    server.stubFor(get(anyUrl()).willReturn(okJson("[]")));
    server.stubFor(
        post("/api/metadata/taskdefs")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\": 400, \"message\": \"no\"}")));

    SyncOutcome outcome =
        Sync.run(client, files(), new Sync.Options(false, DriftPolicy.WARN, null, false), log);
    outcome.render(log);

    assertThat(outcome.done()).extracting(UploadOutcome::kind).containsExactly(Kind.TASK);
    assertThat(outcome.stopped()).containsExactly(Kind.WORKFLOW, Kind.EVENT_HANDLER);
    assertThat(outcome.failure()).isPresent();
    assertThat(log.lines())
        .contains("ERROR Not synced, because tasks failed: workflows, event handlers");
    server.verify(0, putRequestedFor(urlEqualTo("/api/metadata/workflow")));
    server.verify(0, postRequestedFor(urlEqualTo("/api/event")));
  }
}
