package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.idflow.core.CollectingLog;
import io.idflow.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  private static final String DEFS = "/api/metadata/workflow";

  private WireMockServer server;
  private final CollectingLog log = new CollectingLog();

  /** The pauses the client asked for; nothing really sleeps. */
  private final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ConductorClient client(int retries) {
    return ConductorClient.builder(server.baseUrl())
        .retries(retries)
        .log(log)
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(350))
        .sleeper(pauses::add)
        .build();
  }

  /** {@code failures} answers of {@code status}, then 200. */
  private void failThenSucceed(String path, int failures, int status, String retryAfter) {
    for (int i = 0; i < failures; i++) {
      var response = aResponse().withStatus(status).withBody("busy");
      if (retryAfter != null) {
        response.withHeader("Retry-After", retryAfter);
      }
      server.stubFor(
          get(path)
              .inScenario("s")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "f" + i)
              .willReturn(response)
              .willSetStateTo("f" + (i + 1)));
    }
    server.stubFor(
        get(path).inScenario("s").whenScenarioStateIs("f" + failures).willReturn(okJson("[]")));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 502, 503, 504})
  void retriesATransientStatusUntilItPasses(int status) {
    failThenSucceed(DEFS, 2, status, null);
    try (ConductorClient client = client(3)) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    server.verify(3, getRequestedFor(urlEqualTo(DEFS)));
    assertThat(log.withDebug())
        .filteredOn(
            l ->
                l.startsWith(
                    "DEBUG GET "
                        + server.baseUrl()
                        + DEFS
                        + " answered "
                        + status
                        + "; retrying in "))
        .hasSize(2);
    assertThat(log.withDebug()).anyMatch(l -> l.endsWith("(attempt 2 of 4)"));
  }

  @Test
  void backoffGrowsWithJitterAndStaysUnderTheMaximum() {
    server.stubFor(get(DEFS).willReturn(aResponse().withStatus(503)));
    try (ConductorClient client = client(5)) {
      assertThatThrownBy(client::getWorkflowDefs).isInstanceOf(ConductorException.class);
    }
    // 100, 200, 350 (capped), 350, 350 ms, each jittered down by up to half.
    assertThat(pauses).hasSize(5);
    assertThat(pauses.get(0)).isBetween(50L, 100L);
    assertThat(pauses.get(1)).isBetween(100L, 200L);
    for (long pause : pauses.subList(2, 5)) {
      assertThat(pause).isBetween(175L, 350L);
    }
    RetryInterceptor retry =
        new RetryInterceptor(
            3,
            Duration.ofMillis(100),
            Duration.ofMillis(350),
            m -> {},
            log,
            new okhttp3.ConnectionPool(),
            ConductorClient.DEFAULT_MAX_ANSWER_BYTES);
    assertThat(retry.backoff(60)).isBetween(175L, 350L);
  }

  @Test
  void aFinalFailureSaysHowManyAttemptsWereMade() {
    server.stubFor(get(DEFS).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    try (ConductorClient client = client(3)) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessage(
              "GET "
                  + server.baseUrl()
                  + DEFS
                  + " answered 503: maintenance (gave up after 4 attempts)");
    }
    server.verify(4, getRequestedFor(urlEqualTo(DEFS)));
  }

  @Test
  void honoursRetryAfterInSeconds() {
    failThenSucceed(DEFS, 1, 429, "2");
    try (ConductorClient client = client(3)) {
      client.getWorkflowDefs();
    }
    assertThat(pauses).containsExactly(2000L);
    assertThat(log.withDebug())
        .anyMatch(l -> l.contains("answered 429; retrying in 2000 ms as its Retry-After asks"));
  }

  @Test
  void capsAVeryLongRetryAfterAtAMinute() {
    failThenSucceed(DEFS, 1, 503, "86400");
    try (ConductorClient client = client(3)) {
      client.getWorkflowDefs();
    }
    assertThat(pauses).containsExactly(60_000L);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 409, 500})
  void neverRetriesOtherErrors(int status) {
    server.stubFor(
        get(DEFS).willReturn(aResponse().withStatus(status).withBody("{\"message\":\"no\"}")));
    try (ConductorClient client = client(3)) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessage("GET " + server.baseUrl() + DEFS + " answered " + status + ": no");
    }
    server.verify(1, getRequestedFor(urlEqualTo(DEFS)));
    assertThat(pauses).isEmpty();
  }

  @Test
  void neverRetriesStartingAWorkflow() {
    server.stubFor(
        post(urlPathEqualTo("/api/workflow/flow"))
            .willReturn(aResponse().withStatus(503).withBody("busy")));
    try (ConductorClient client = client(3)) {
      assertThatThrownBy(() -> client.startWorkflow("flow", null, null))
          .isInstanceOf(ConductorException.class)
          .hasMessage("POST " + server.baseUrl() + "/api/workflow/flow answered 503: busy");
    }
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/workflow/flow")));
  }

  @Test
  void neverRetriesStartingAWorkflowAfterAConnectionReset() {
    server.stubFor(
        post(urlPathEqualTo("/api/workflow/flow"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ConductorClient client = client(3)) {
      assertThatThrownBy(() -> client.startWorkflow("flow", null, null))
          .isInstanceOf(ConductorException.class)
          .hasMessageNotContaining("attempts");
    }
    // The server got the request before the connection died: it may have started the workflow, so
    // neither the client nor OkHttp underneath may send it again.
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/workflow/flow")));
    assertThat(pauses).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void neverRetriesStartingAWorkflowOnAReusedConnection(String fault) {
    // A reused connection that fails is what OkHttp takes for a stale one, and resends on by
    // default.
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    server.stubFor(
        post(urlPathEqualTo("/api/workflow/flow"))
            .willReturn(aResponse().withFault(Fault.valueOf(fault))));
    try (ConductorClient client = client(3)) {
      client.getWorkflowDefs();
      assertThatThrownBy(() -> client.startWorkflow("flow", null, null))
          .isInstanceOf(ConductorException.class);
    }
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/workflow/flow")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775807", "99999999999999999999999", "9223372036854776"})
  void aHugeRetryAfterWaitsTheLongestPauseNotNone(String retryAfter) {
    failThenSucceed(DEFS, 1, 503, retryAfter);
    try (ConductorClient client = client(3)) {
      client.getWorkflowDefs();
    }
    assertThat(pauses).containsExactly(60_000L);
  }

  @Test
  void countsEveryRequestSentOnAReusedConnection() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    server.stubFor(put(DEFS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ConductorClient client = client(2)) {
      client.getWorkflowDefs();
      assertThatThrownBy(
              () ->
                  client.putWorkflowDefs(
                      List.of(Json.mapper().createObjectNode().put("name", "x"))))
          .hasMessageEndingWith("(gave up after 3 attempts)");
    }
    server.verify(3, putRequestedFor(urlEqualTo(DEFS)));
  }

  @Test
  void retriesTheIdempotentWritesAndValidation() {
    ObjectNode def = Json.mapper().createObjectNode().put("name", "x");
    server.stubFor(
        post("/api/metadata/taskdefs")
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    server.stubFor(
        post("/api/metadata/taskdefs")
            .inScenario("t")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));
    server.stubFor(
        post("/api/metadata/workflow/validate")
            .inScenario("v")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(504))
            .willSetStateTo("ok"));
    server.stubFor(
        post("/api/metadata/workflow/validate")
            .inScenario("v")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));
    server.stubFor(
        put(DEFS)
            .inScenario("p")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    server.stubFor(
        put(DEFS)
            .inScenario("p")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"bulkSuccessfulResults\":[\"x\"]}")));
    try (ConductorClient client = client(3)) {
      client.createTaskDefs(List.of(def));
      client.validateWorkflowDef(def);
      assertThat(client.putWorkflowDefs(List.of(def)).successful()).containsExactly("x");
    }
    server.verify(2, postRequestedFor(urlEqualTo("/api/metadata/taskdefs")));
    server.verify(2, postRequestedFor(urlEqualTo("/api/metadata/workflow/validate")));
    server.verify(2, putRequestedFor(urlEqualTo(DEFS)));
  }

  @Test
  void retriesNetworkErrorsAndCountsTheAttempts() {
    server.stubFor(get(DEFS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ConductorClient client = client(2)) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageStartingWith(
              "GET "
                  + server.baseUrl()
                  + DEFS
                  + " failed: cannot reach Conductor at "
                  + server.baseUrl()
                  + "/api (")
          .hasMessageEndingWith(") (gave up after 3 attempts)");
    }
    assertThat(pauses).hasSize(2);
    assertThat(log.withDebug())
        .anyMatch(
            l ->
                l.startsWith("DEBUG GET " + server.baseUrl() + DEFS + " failed (")
                    && l.contains("retrying in"));
  }

  @Test
  void aSlowAnswerIsRetried() {
    server.stubFor(
        get(DEFS)
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[]").withFixedDelay(1500))
            .willSetStateTo("fast"));
    server.stubFor(
        get(DEFS).inScenario("slow").whenScenarioStateIs("fast").willReturn(okJson("[]")));
    try (ConductorClient client =
        ConductorClient.builder(server.baseUrl())
            .readTimeout(Duration.ofMillis(300))
            .sleeper(pauses::add)
            .build()) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    assertThat(pauses).hasSize(1);
  }

  @Test
  void zeroRetriesSendsOnce() {
    server.stubFor(get(DEFS).willReturn(aResponse().withStatus(503).withBody("busy")));
    try (ConductorClient client = client(0)) {
      assertThatThrownBy(client::getWorkflowDefs)
          .hasMessage("GET " + server.baseUrl() + DEFS + " answered 503: busy");
    }
    server.verify(1, getRequestedFor(urlEqualTo(DEFS)));
  }
}
