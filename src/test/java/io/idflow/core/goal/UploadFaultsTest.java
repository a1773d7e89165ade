package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.client.NoSleep;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.NothingDone;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * upload-workflows' core when the server misbehaves: the run fails or succeeds after retries, its
 * report says per workflow what was and was not written, and a rerun against a healthy server
 * writes exactly what is still missing. The server already holds {@code alpha}; {@code bravo} and
 * {@code charlie} are to be written.
 */
class UploadFaultsTest {
  private static final String DEFS = "/api/metadata/workflow";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path root;
  private Path dir;

  /** The pauses the client's retries asked for: nothing really sleeps. */
  private final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws IOException {
    dir = root.resolve("idflow");
    write(
        "tasks/work.json",
        "{\"name\":\"work\",\"ownerEmail\":\"team@example.com\",\"retryCount\":1}");
    for (String name : List.of("alpha", "bravo", "charlie")) {
      write("workflows/" + name + ".json", workflowJson(name));
    }
  }

  private static String workflowJson(String name) {
    return "{\"name\":\""
        + name
        + "\",\"version\":1,\"ownerEmail\":\"team@example.com\",\"timeoutSeconds\":60,"
        + "\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"work_ref\",\"type\":\"SIMPLE\"}]}";
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** The listing of a server that holds {@code names}, as the local files have them. */
  private static void serverHolds(String... names) {
    List<String> defs = new ArrayList<>();
    for (String n : names) {
      defs.add(workflowJson(n));
    }
    server.stubFor(get(DEFS).willReturn(okJson("[" + String.join(",", defs) + "]")));
  }

  private static ResponseDefinitionBuilder bulkOk(String... names) {
    return okJson(
        "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\""
            + String.join("\",\"", names)
            + "\"]}");
  }

  private UploadOutcome upload(ConductorClient.Builder builder) {
    try (ConductorClient client = builder.build()) {
      return UploadWorkflows.run(
          client, LocalFiles.of(dir), UploadWorkflows.Options.defaults(), IdflowLog.silent());
    }
  }

  private UploadOutcome upload(int retries) {
    return upload(NoSleep.builder(server.baseUrl(), retries, pauses));
  }

  private static List<String> rendered(UploadOutcome report) {
    CollectingLog out = new CollectingLog();
    report.render(out);
    return out.lines();
  }

  /** The names in every bulk PUT the server received, one list per request. */
  private static List<List<String>> bulkWrites() {
    List<List<String>> out = new ArrayList<>();
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events); // WireMock lists the newest first
    for (ServeEvent e : events) {
      if (e.getRequest().getMethod().getName().equals("PUT")) {
        List<String> names = new ArrayList<>();
        try {
          Json.mapper()
              .readTree(e.getRequest().getBodyAsString())
              .forEach(d -> names.add(d.path("name").asText()));
        } catch (IOException x) {
          throw new IllegalStateException(x);
        }
        out.add(names);
      }
    }
    return out;
  }

  /**
   * The failed run left alpha alone and wrote nothing: a healthy server now gets exactly bravo and
   * charlie, once.
   */
  private void rerunConverges() {
    server.resetAll();
    serverHolds("alpha");
    server.stubFor(put(DEFS).willReturn(bulkOk("bravo", "charlie")));

    UploadOutcome rerun = upload(0);

    assertThat(bulkWrites()).containsExactly(List.of("bravo", "charlie"));
    assertThat(rerun.failed()).isFalse();
    assertThat(rerun.summary()).isEqualTo("Summary: 2/3 workflows uploaded successfully");
  }

  /**
   * Every report form says the same: nothing written, alpha untouched, bravo and charlie failed for
   * {@code reason}.
   */
  private static void nothingWritten(UploadOutcome report, String reason) {
    assertThat(report.results())
        .extracting(UploadResult::name, UploadResult::status)
        .containsExactly(
            tuple("alpha", Status.UP_TO_DATE),
            tuple("bravo", Status.FAILED),
            tuple("charlie", Status.FAILED));
    assertThat(report.results().subList(1, 3))
        .extracting(UploadResult::reason)
        .allSatisfy(r -> assertThat(r).startsWith(reason));
    assertThat(report.summary()).isEqualTo("Summary: 0/3 workflows uploaded, 2 failed");
    assertThat(rendered(report))
        .contains(
            "ERROR ✗ Failed to upload workflow: bravo",
            "ERROR ✗ Failed to upload workflow: charlie",
            "INFO   ✗ bravo",
            "INFO   ✗ charlie",
            "ERROR Summary: 0/3 workflows uploaded, 2 failed")
        .noneMatch(l -> l.contains("✓"));
    assertThat(report.entries())
        .extracting(RunReport.Entry::name, RunReport.Entry::outcome, RunReport.Entry::failed)
        .containsExactly(
            tuple("alpha", "up-to-date", false),
            tuple("bravo", "failed", true),
            tuple("charlie", "failed", true));
    assertThat(report.failed()).isTrue();
    assertThat(report.serverUnavailable()).isTrue();
  }

  // ---- the server is not there

  @Test
  void aServerDownAtTheStartGetsNoWriteAndTheRerunUploadsWhatIsMissing() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    NothingDone nothing =
        catchThrowableOfType(
            NothingDone.class,
            () -> upload(NoSleep.builder("http://127.0.0.1:" + closed, 2, pauses)));
    ConductorException e = nothing.getCause();

    assertThat(nothing).hasMessage("Nothing was uploaded: " + e.getMessage());
    assertThat(e.status()).isZero();
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage())
        .startsWith(
            "GET http://127.0.0.1:"
                + closed
                + "/api/metadata/workflow/names-and-versions failed: cannot reach Conductor")
        .endsWith("(gave up after 3 attempts)");
    rerunConverges();
  }

  // ---- the bulk write fails

  @Test
  void a500OnTheBulkWriteIsSentOnceAndFailsEveryWorkflowInIt() {
    serverHolds("alpha");
    server.stubFor(
        put(DEFS)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":500,\"message\":\"Error while"
                            + " saving\",\"retryable\":false}")));

    UploadOutcome report = upload(3);

    server.verify(
        1,
        putRequestedFor(urlEqualTo(DEFS))); // a 500 is not retried: the server said what happened
    assertThat(bulkWrites()).containsExactly(List.of("bravo", "charlie"));
    nothingWritten(
        report,
        "not uploaded: PUT " + server.baseUrl() + DEFS + " answered 500: Error while saving");
    assertThat(pauses).isEmpty();
    rerunConverges();
  }

  @Test
  void aBulkWriteSlowerThanTheReadTimeoutIsRetriedThenReportedAsUnconfirmed() {
    serverHolds("alpha");
    server.stubFor(put(DEFS).willReturn(bulkOk("bravo", "charlie").withFixedDelay(1500)));

    UploadOutcome report =
        upload(NoSleep.builder(server.baseUrl(), 1, pauses).readTimeout(Duration.ofMillis(300)));

    server.verify(2, putRequestedFor(urlEqualTo(DEFS)));
    // The server may have stored what it never answered for: the report must not say it did not.
    nothingWritten(
        report,
        "not confirmed: PUT " + server.baseUrl() + DEFS + " failed: cannot reach Conductor");
    assertThat(report.results().get(1).reason())
        .contains("SocketTimeoutException")
        .contains("(gave up after 2 attempts)")
        .contains("the server may have stored it");
    rerunConverges();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void aBulkWriteWhoseConnectionDiesEveryTimeFailsAfterTheRetries(Fault fault) {
    serverHolds("alpha");
    server.stubFor(put(DEFS).willReturn(aResponse().withFault(fault)));

    UploadOutcome report = upload(2);

    // A connection that ends without a byte of answer may be one the far end had closed before the
    // request:
    // when it was kept from the listing, that try is not counted (RetryInterceptor), so one more
    // PUT is sent.
    int pooled = fault == Fault.EMPTY_RESPONSE ? 1 : 0;
    server.verify(3 + pooled, putRequestedFor(urlEqualTo(DEFS)));
    nothingWritten(
        report,
        "not confirmed: PUT " + server.baseUrl() + DEFS + " failed: cannot reach Conductor");
    assertThat(report.results().get(2).reason()).contains("(gave up after 3 attempts)");
    assertThat(pauses).hasSize(2);
    rerunConverges();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void aBulkWriteWhoseConnectionDiesOnceSucceedsOnTheRetry(Fault fault) {
    serverHolds("alpha");
    server.stubFor(
        put(DEFS)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(fault))
            .willSetStateTo("healthy"));
    server.stubFor(
        put(DEFS)
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(bulkOk("bravo", "charlie")));

    UploadOutcome report = upload(3);

    assertThat(bulkWrites())
        .containsExactly(List.of("bravo", "charlie"), List.of("bravo", "charlie"));
    assertThat(report.failed()).isFalse();
    assertThat(report.summary()).isEqualTo("Summary: 2/3 workflows uploaded successfully");
  }

  // ---- rate limiting

  /** {@code count} answers 429 to the bulk write, then success. */
  private static void tooManyRequests(int count, String retryAfter) {
    for (int i = 0; i < count; i++) {
      ResponseDefinitionBuilder busy =
          aResponse()
              .withStatus(429)
              .withBody("{\"status\":429,\"message\":\"Too many requests\"}");
      if (retryAfter != null) {
        busy.withHeader("Retry-After", retryAfter);
      }
      server.stubFor(
          put(DEFS)
              .inScenario("storm")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "busy" + i)
              .willReturn(busy)
              .willSetStateTo("busy" + (i + 1)));
    }
    server.stubFor(
        put(DEFS)
            .inScenario("storm")
            .whenScenarioStateIs("busy" + count)
            .willReturn(bulkOk("bravo", "charlie")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2"})
  void aStormOf429sThatEndsIsWaitedOutAndTheUploadSucceeds(String retryAfter) {
    serverHolds("alpha");
    tooManyRequests(3, retryAfter.isEmpty() ? null : retryAfter);

    UploadOutcome report = upload(3);

    server.verify(4, putRequestedFor(urlEqualTo(DEFS)));
    assertThat(report.failed()).isFalse();
    assertThat(report.results())
        .extracting(UploadResult::status)
        .containsExactly(Status.UP_TO_DATE, Status.UPLOADED, Status.UPLOADED);
    if (retryAfter.isEmpty()) {
      assertThat(pauses).hasSize(3).allSatisfy(p -> assertThat(p).isBetween(50L, 400L));
    } else {
      assertThat(pauses).containsExactly(2000L, 2000L, 2000L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3600"})
  void aStormOf429sThatNeverEndsGivesUpAfterTheRetriesAndWritesNothing(String retryAfter) {
    serverHolds("alpha");
    ResponseDefinitionBuilder busy =
        aResponse().withStatus(429).withBody("{\"status\":429,\"message\":\"Too many requests\"}");
    if (!retryAfter.isEmpty()) {
      busy.withHeader("Retry-After", retryAfter);
    }
    server.stubFor(put(DEFS).willReturn(busy));

    UploadOutcome report = upload(3);

    server.verify(4, putRequestedFor(urlEqualTo(DEFS)));
    // Bounded: four attempts, and an hour's Retry-After waits a minute at most.
    assertThat(pauses).hasSize(3).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(60_000L));
    nothingWritten(
        report,
        "not uploaded: PUT "
            + server.baseUrl()
            + DEFS
            + " answered 429: Too many requests (gave up after 4 attempts)");
    rerunConverges();
  }

  @Test
  void aListingThatNeverAnswersInTimeStopsTheRunBeforeAnyWrite() {
    server.stubFor(get(DEFS).willReturn(okJson("[]").withFixedDelay(1500)));

    NothingDone nothing =
        catchThrowableOfType(
            NothingDone.class,
            () ->
                upload(
                    NoSleep.builder(server.baseUrl(), 1, pauses)
                        .readTimeout(Duration.ofMillis(300))));
    ConductorException e = nothing.getCause();

    assertThat(e.status()).isZero();
    assertThat(e.getMessage())
        .contains("SocketTimeoutException")
        .endsWith("(gave up after 2 attempts)");
    server.verify(0, putRequestedFor(urlEqualTo(DEFS)));
    rerunConverges();
  }
}
