package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowLog;
import io.idflow.core.apply.Purger;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.client.NoSleep;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.Failure;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.PurgeOutcome;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.outcome.UploadResult.Status;
import io.idflow.core.report.RunReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sync-tasks' and purge-orphans' core when the server misbehaves: what the report says was and was
 * not written or deleted, that a rerun against a healthy server converges, and that nothing is
 * deleted without both listings.
 */
class TaskFaultsTest {
  static final String TASKDEFS = "/api/metadata/taskdefs";
  static final String WORKFLOWS = "/api/metadata/workflow";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;
  Path idflow;
  final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());

  void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  ConductorClient client(int retries) {
    return NoSleep.builder(server.baseUrl(), retries, pauses).build();
  }

  /** The requests the server received, oldest first, as {@code METHOD path}. */
  static List<String> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream()
        .map(e -> e.getRequest().getMethod().getName() + " " + e.getRequest().getUrl())
        .toList();
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** new_task is missing on the server, changed_task differs, same_task is there as is. */
  @Nested
  class Sync {
    static final String CHANGED_BEFORE =
        "{\"name\":\"changed_task\",\"ownerEmail\":\"me@x.io\",\"retryCount\":1}";
    static final String CHANGED_AFTER =
        "{\"name\":\"changed_task\",\"ownerEmail\":\"me@x.io\",\"retryCount\":5}";
    static final String NEW = "{\"name\":\"new_task\",\"ownerEmail\":\"me@x.io\",\"retryCount\":2}";
    static final String SAME =
        "{\"name\":\"same_task\",\"ownerEmail\":\"me@x.io\",\"description\":\"kept\"}";

    @BeforeEach
    void setUp() throws IOException {
      idflow = project.resolve("idflow");
      write("tasks/new.json", NEW);
      write("tasks/changed.json", CHANGED_AFTER);
      write("tasks/same.json", SAME);
    }

    void serverHolds(String... defs) {
      server.stubFor(get(TASKDEFS).willReturn(okJson("[" + String.join(",", defs) + "]")));
    }

    UploadOutcome sync(ConductorClient client) {
      try (client) {
        return SyncTasks.run(
            client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), IdflowLog.silent());
      }
    }

    /**
     * A healthy server that holds {@code held}: the rerun sends exactly {@code expected} and
     * succeeds.
     */
    void rerunConverges(List<String> held, String... expected) {
      server.resetAll();
      serverHolds(held.toArray(String[]::new));
      server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));
      server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));

      UploadOutcome rerun = sync(client(0));

      assertThat(requests()).containsExactly(expected);
      assertThat(rerun.failed()).isFalse();
      assertThat(rerun.results())
          .extracting(UploadResult::name, UploadResult::status)
          .containsExactly(
              tuple("changed_task", Status.UPDATED),
              tuple("new_task", held.contains(NEW) ? Status.UP_TO_DATE : Status.CREATED),
              tuple("same_task", Status.UP_TO_DATE));
    }

    void rerunConverges() {
      rerunConverges(
          List.of(CHANGED_BEFORE, SAME), "GET " + TASKDEFS, "POST " + TASKDEFS, "PUT " + TASKDEFS);
    }

    static List<String> rendered(UploadOutcome report) {
      CollectingLog out = new CollectingLog();
      report.render(out);
      return out.lines();
    }

    @Test
    void aServerDownAtTheStartGetsNoWriteAndTheRerunWritesBoth() throws IOException {
      int port = closedPort();
      NothingDone nothing =
          catchThrowableOfType(
              NothingDone.class,
              () -> sync(NoSleep.builder("http://127.0.0.1:" + port, 1, pauses).build()));
      ConductorException e = nothing.getCause();

      assertThat(nothing).hasMessage("Nothing was synced: " + e.getMessage());
      assertThat(e.getMessage())
          .startsWith("GET http://127.0.0.1:" + port + TASKDEFS + " failed: cannot reach Conductor")
          .endsWith("(gave up after 2 attempts)");
      assertThat(e.mayHaveReachedServer()).isFalse();
      rerunConverges();
    }

    @Test
    void a500OnTheCreateStopsTheUpdatesAndReportsBothAsNotUploaded() {
      serverHolds(CHANGED_BEFORE, SAME);
      server.stubFor(
          post(TASKDEFS)
              .willReturn(
                  aResponse()
                      .withStatus(500)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"status\":500,\"message\":\"Error while"
                              + " saving\",\"retryable\":false}")));

      UploadOutcome report = sync(client(3));

      assertThat(requests())
          .containsExactly("GET " + TASKDEFS, "POST " + TASKDEFS); // a 500 is not retried
      String reason =
          "not uploaded: POST " + server.baseUrl() + TASKDEFS + " answered 500: Error while saving";
      assertThat(report.results())
          .extracting(UploadResult::name, UploadResult::status, UploadResult::reason)
          .containsExactly(
              tuple("changed_task", Status.FAILED, reason),
              tuple("new_task", Status.FAILED, reason),
              tuple("same_task", Status.UP_TO_DATE, null));
      assertThat(report.summary()).isEqualTo("Summary: 0/3 tasks uploaded, 2 failed");
      assertThat(rendered(report))
          .contains(
              "ERROR ✗ Failed to upload task: changed_task",
              "ERROR ✗ Failed to upload task: new_task")
          .noneMatch(l -> l.contains("✓"));
      assertThat(report.entries())
          .extracting(RunReport.Entry::name, RunReport.Entry::outcome, RunReport.Entry::failed)
          .containsExactly(
              tuple("changed_task", "failed", true),
              tuple("new_task", "failed", true),
              tuple("same_task", "up-to-date", false));
      assertThat(report.serverUnavailable()).isTrue();
      rerunConverges();
    }

    @Test
    void aCreateWhoseConnectionIsResetOnceIsSentAgain() {
      serverHolds(CHANGED_BEFORE, SAME);
      server.stubFor(
          post(TASKDEFS)
              .inScenario("reset")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
              .willSetStateTo("ok"));
      server.stubFor(
          post(TASKDEFS)
              .inScenario("reset")
              .whenScenarioStateIs("ok")
              .willReturn(aResponse().withStatus(200)));
      server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));

      UploadOutcome report = sync(client(3));

      // The create is an upsert of the same content: sending it twice is safe.
      assertThat(requests())
          .containsExactly(
              "GET " + TASKDEFS, "POST " + TASKDEFS, "POST " + TASKDEFS, "PUT " + TASKDEFS);
      assertThat(report.failed()).isFalse();
      assertThat(report.summary())
          .isEqualTo("Summary: 2/3 tasks uploaded successfully (1 created, 1 updated)");
    }

    @Test
    void anUpdateSlowerThanTheReadTimeoutIsUnconfirmedAndTheRerunSendsOnlyIt() {
      serverHolds(CHANGED_BEFORE, SAME);
      server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));
      server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));

      UploadOutcome report =
          sync(
              NoSleep.builder(server.baseUrl(), 1, pauses)
                  .readTimeout(Duration.ofMillis(300))
                  .build());

      assertThat(requests())
          .containsExactly(
              "GET " + TASKDEFS, "POST " + TASKDEFS, "PUT " + TASKDEFS, "PUT " + TASKDEFS);
      assertThat(report.results())
          .extracting(UploadResult::name, UploadResult::status)
          .containsExactly(
              tuple("changed_task", Status.FAILED),
              tuple("new_task", Status.CREATED),
              tuple("same_task", Status.UP_TO_DATE));
      assertThat(report.results().get(0).reason())
          .startsWith("not confirmed: PUT " + server.baseUrl() + TASKDEFS + " failed:")
          .contains("SocketTimeoutException")
          .contains("(gave up after 2 attempts)")
          .contains("the server may have stored it");
      assertThat(report.summary())
          .isEqualTo("Summary: 1/3 tasks uploaded (1 created, 0 updated), 1 failed");
      assertThat(rendered(report))
          .contains("INFO ✓ Created task: new_task", "ERROR ✗ Failed to upload task: changed_task");
      // new_task is on the server now: the rerun updates changed_task and nothing else.
      rerunConverges(List.of(CHANGED_BEFORE, NEW, SAME), "GET " + TASKDEFS, "PUT " + TASKDEFS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1"})
    void aStormOf429sOnTheCreateThatEndsIsWaitedOut(String retryAfter) {
      serverHolds(CHANGED_BEFORE, SAME);
      ResponseDefinitionBuilder busy = aResponse().withStatus(429).withBody("slow down");
      if (!retryAfter.isEmpty()) {
        busy.withHeader("Retry-After", retryAfter);
      }
      server.stubFor(
          post(TASKDEFS)
              .inScenario("storm")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(busy)
              .willSetStateTo("2"));
      server.stubFor(
          post(TASKDEFS)
              .inScenario("storm")
              .whenScenarioStateIs("2")
              .willReturn(busy)
              .willSetStateTo("ok"));
      server.stubFor(
          post(TASKDEFS)
              .inScenario("storm")
              .whenScenarioStateIs("ok")
              .willReturn(aResponse().withStatus(200)));
      server.stubFor(put(TASKDEFS).willReturn(aResponse().withStatus(200)));

      UploadOutcome report = sync(client(3));

      server.verify(3, postRequestedFor(urlEqualTo(TASKDEFS)));
      server.verify(1, putRequestedFor(urlEqualTo(TASKDEFS)));
      assertThat(report.failed()).isFalse();
      if (!retryAfter.isEmpty()) {
        assertThat(pauses).containsExactly(1000L, 1000L);
      }
    }

    @Test
    void aStormOf429sThatNeverEndsIsBoundedAndWritesNothingElse() {
      serverHolds(CHANGED_BEFORE, SAME);
      server.stubFor(
          post(TASKDEFS)
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Retry-After", "86400")
                      .withBody("slow down")));

      UploadOutcome report = sync(client(2));

      assertThat(requests())
          .containsExactly(
              "GET " + TASKDEFS, "POST " + TASKDEFS, "POST " + TASKDEFS, "POST " + TASKDEFS);
      assertThat(pauses)
          .containsExactly(60_000L, 60_000L); // a day's Retry-After waits a minute at most
      assertThat(report.results().get(1).reason())
          .isEqualTo(
              "not uploaded: POST "
                  + server.baseUrl()
                  + TASKDEFS
                  + " answered 429: slow down (gave up after 3 attempts)");
      assertThat(report.summary()).isEqualTo("Summary: 0/3 tasks uploaded, 2 failed");
      rerunConverges();
    }
  }

  /** Three unused orphans of this project (pay_old_a, _b, _c), one task of another team. */
  @Nested
  class Purge {
    static final String LISTING =
        """
        [{"name": "pay_charge", "ownerEmail": "pay@x.io"}, {"name": "pay_old_a", "ownerEmail": "pay@x.io"},
         {"name": "pay_old_b", "ownerEmail": "pay@x.io"}, {"name": "pay_old_c", "ownerEmail": "pay@x.io"},
         {"name": "ship_label", "ownerEmail": "ship@x.io"}]\
        """;
    Path backups;

    @BeforeEach
    void setUp() throws IOException {
      idflow = project.resolve("idflow");
      backups = project.resolve("backup");
      write("tasks/kept.json", "{\"name\": \"pay_charge\", \"ownerEmail\": \"pay@x.io\"}");
    }

    void healthy(String listing) {
      server.stubFor(get(TASKDEFS).willReturn(okJson(listing)));
      server.stubFor(get(WORKFLOWS).willReturn(okJson("[]")));
      server.stubFor(
          delete(urlPathMatching(TASKDEFS + "/.*")).willReturn(aResponse().withStatus(200)));
    }

    PurgeOutcome purge(ConductorClient client) {
      try (client) {
        return PurgeOrphans.run(
            client,
            LocalFiles.of(idflow),
            new PurgeOrphans.Options(false, false, Set.of(), Set.of(), 10, backups, null, false),
            IdflowLog.silent(),
            java.time.Clock.systemDefaultZone());
      }
    }

    void nothingDeletedNorBackedUp() {
      server.verify(0, deleteRequestedFor(anyUrl()));
      assertThat(backups).doesNotExist();
    }

    static List<String> rendered(PurgeOutcome report) {
      CollectingLog out = new CollectingLog();
      report.render(out);
      return out.lines();
    }

    @Test
    void aTaskListingThatFailsDeletesNothing() {
      healthy(LISTING);
      server.stubFor(get(TASKDEFS).willReturn(aResponse().withStatus(503).withBody("maintenance")));

      NothingDone nothing = catchThrowableOfType(NothingDone.class, () -> purge(client(1)));
      ConductorException e = nothing.getCause();

      assertThat(nothing).hasMessage("Nothing was deleted: " + e.getMessage());
      assertThat(nothing.failure().blame()).isEqualTo(Failure.Blame.SERVER);
      assertThat(e.getMessage())
          .isEqualTo(
              "GET "
                  + server.baseUrl()
                  + TASKDEFS
                  + " answered 503: maintenance (gave up after 2 attempts)");
      nothingDeletedNorBackedUp();
    }

    @Test
    void aWorkflowListingThatFailsDeletesNothing() {
      // Without the workflows, every orphan would look unused: the usage check must not be skipped
      // silently.
      healthy(LISTING);
      server.stubFor(
          get(WORKFLOWS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

      NothingDone nothing = catchThrowableOfType(NothingDone.class, () -> purge(client(1)));
      ConductorException e = nothing.getCause();

      assertThat(e.getMessage())
          .startsWith("GET " + server.baseUrl() + WORKFLOWS + " failed: cannot reach Conductor");
      nothingDeletedNorBackedUp();
    }

    @Test
    void aServerThatStopsAnsweringMidPurgeStopsTheRestAndTheRerunFinishes() {
      healthy(LISTING);
      server.stubFor(
          delete(urlEqualTo(TASKDEFS + "/pay_old_b"))
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
      server.stubFor(
          get(TASKDEFS + "/pay_old_b")
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

      PurgeOutcome report = purge(client(1));

      assertThat(requests())
          .containsExactly(
              "GET " + TASKDEFS,
              "GET " + WORKFLOWS,
              "DELETE " + TASKDEFS + "/pay_old_a",
              "DELETE " + TASKDEFS + "/pay_old_b",
              "DELETE " + TASKDEFS + "/pay_old_b",
              // After a lost answer the purge asks whether the definition is still there; the
              // server is gone.
              "GET " + TASKDEFS + "/pay_old_b",
              "GET " + TASKDEFS + "/pay_old_b");
      assertThat(report.results())
          .extracting(Purger.Result::name, Purger.Result::purged)
          .containsExactly(
              tuple("pay_old_a", true), tuple("pay_old_b", false), tuple("pay_old_c", false));
      assertThat(report.results().get(1).reason())
          .startsWith("DELETE " + server.baseUrl() + TASKDEFS + "/pay_old_b failed: cannot reach");
      assertThat(report.results().get(2).reason())
          .startsWith("not attempted: DELETE " + server.baseUrl() + TASKDEFS + "/pay_old_b failed");
      assertThat(report.serverUnavailable()).isTrue();
      assertThat(rendered(report))
          .contains(
              "INFO ✓ Purged task: pay_old_a",
              "ERROR Purge Summary: 1 task purged successfully, 2 failed")
          .anyMatch(l -> l.startsWith("ERROR ✗ Failed to purge task: pay_old_b: DELETE"))
          .anyMatch(l -> l.startsWith("ERROR ✗ Failed to purge task: pay_old_c: not attempted"));
      assertThat(backups.resolve(report.backup().getFileName()).resolve("tasks"))
          .isDirectoryContaining("glob:**/pay_old_c.json");

      server.resetAll();
      healthy(LISTING.replace("{\"name\": \"pay_old_a\", \"ownerEmail\": \"pay@x.io\"},", ""));
      PurgeOutcome rerun = purge(client(0));

      assertThat(requests())
          .containsExactly(
              "GET " + TASKDEFS,
              "GET " + WORKFLOWS,
              "DELETE " + TASKDEFS + "/pay_old_b",
              "DELETE " + TASKDEFS + "/pay_old_c");
      assertThat(rerun.failed()).isFalse();
    }

    @Test
    void aDeleteWhoseFirstAnswerWasLostCountsAsPurgedWhenTheDefinitionIsGone() {
      // The first DELETE times out after the server deleted; the retry answers Conductor's 500 for
      // a missing definition.
      healthy(LISTING);
      server.stubFor(
          delete(urlEqualTo(TASKDEFS + "/pay_old_a"))
              .inScenario("slow")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withStatus(200).withFixedDelay(1500))
              .willSetStateTo("deleted"));
      server.stubFor(
          delete(urlEqualTo(TASKDEFS + "/pay_old_a"))
              .inScenario("slow")
              .whenScenarioStateIs("deleted")
              .willReturn(
                  aResponse()
                      .withStatus(500)
                      .withBody("{\"status\":500,\"message\":\"No such task definition\"}")));

      PurgeOutcome report =
          purge(
              NoSleep.builder(server.baseUrl(), 2, pauses)
                  .readTimeout(Duration.ofMillis(300))
                  .build());

      assertThat(report.results())
          .extracting(Purger.Result::name, Purger.Result::purged)
          .containsExactly(
              tuple("pay_old_a", true), tuple("pay_old_b", true), tuple("pay_old_c", true));
      assertThat(report.failed()).isFalse();
      server.verify(4, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aDeleteRefusedWithA500LeavesTheDefinitionAndTheOthersStillGo() {
      healthy(LISTING);
      server.stubFor(
          delete(urlEqualTo(TASKDEFS + "/pay_old_a"))
              .willReturn(
                  aResponse()
                      .withStatus(500)
                      .withBody("{\"status\":500,\"message\":\"database is locked\"}")));
      server.stubFor(
          get(TASKDEFS + "/pay_old_a")
              .willReturn(okJson("{\"name\": \"pay_old_a\", \"ownerEmail\": \"pay@x.io\"}")));

      PurgeOutcome report = purge(client(3));

      server.verify(3, deleteRequestedFor(anyUrl()));
      assertThat(report.results())
          .extracting(Purger.Result::name, Purger.Result::purged, Purger.Result::reason)
          .containsExactly(
              tuple("pay_old_a", false, "Conductor answered 500: database is locked"),
              tuple("pay_old_b", true, null),
              tuple("pay_old_c", true, null));
    }
  }
}
