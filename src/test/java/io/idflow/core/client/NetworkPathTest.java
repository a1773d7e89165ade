package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.Json;
import io.idflow.faults.FaultProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the network between a build and Conductor may do, through {@link FaultProxy} in front of
 * WireMock: redirects, answers that are not Conductor's, cut-off bodies and connections closed
 * after every answer.
 */
class NetworkPathTest {
  private static final String DEFS = "/api/metadata/workflow";
  private static final String TASKS = "/api/metadata/taskdefs";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FaultProxy proxy;
  private final CollectingLog log = new CollectingLog();
  private final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    proxy = FaultProxy.start(0, server.baseUrl());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
  }

  private ConductorClient.Builder client() {
    return ConductorClient.builder(proxy.url())
        .log(log)
        .retries(3)
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(350))
        .sleeper(pauses::add);
  }

  private static List<ObjectNode> defs(String json) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    Json.mapper().readTree(json).forEach(n -> out.add((ObjectNode) n));
    return out;
  }

  // ---- redirects

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {301, 302, 307, 308})
  void aRedirectedWriteIsAnErrorThatNamesTheTargetAndTheUrlToSet(int status) throws IOException {
    proxy.fault("*", "*", -1, FaultProxy.redirect(status, server.baseUrl(), true));
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    server.stubFor(
        put(DEFS)
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"a\"]}")));

    try (ConductorClient client = client().build()) {
      ConductorException e =
          catchThrowableOfType(
              ConductorException.class,
              () -> client.putWorkflowDefs(defs("[{\"name\":\"a\",\"version\":1,\"tasks\":[]}]")));
      assertThat(e).isNotNull();
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.getMessage())
          .contains("PUT " + proxy.url() + DEFS + " answered " + status)
          .contains("redirects to " + server.baseUrl() + DEFS)
          .contains("-Didflow.conductorUrl=" + server.baseUrl());
      assertThat(e.isRejection()).isFalse();
      assertThat(e.isUnavailable()).isTrue();
    }
    // Not followed: neither a GET in place of the PUT nor the PUT itself reached the target.
    assertThat(server.getAllServeEvents()).isEmpty();
    assertThat(proxy.seen()).containsExactly("PUT " + DEFS);
  }

  @Test
  void aRedirectedListingIsAnErrorNotAnEmptyServer() {
    proxy.fault("GET", DEFS, -1, FaultProxy.redirect(301, server.baseUrl(), true));
    server.stubFor(get(DEFS).willReturn(okJson("[]")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 301")
          .hasMessageContaining("redirects to " + server.baseUrl() + DEFS);
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRedirectToAnotherPlaceThanTheApiSaysSoInsteadOfSuggestingIt() {
    proxy.fault(
        "GET",
        DEFS,
        -1,
        FaultProxy.redirect(302, "https://sso.example.com/login?next=%2Fapi", false));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("redirects to https://sso.example.com/login")
          .hasMessageContaining("not the same endpoint")
          .hasMessageNotContaining("next=");
    }
  }

  @Test
  void credentialsAndTheKeySecretNeverFollowARedirect() {
    proxy.fault("*", "*", -1, FaultProxy.redirect(307, elsewhere.baseUrl(), true));
    elsewhere.stubFor(post("/api/token").willReturn(okJson("{\"token\":\"t\"}")));
    elsewhere.stubFor(get(DEFS).willReturn(okJson("[]")));

    try (ConductorClient client =
        client()
            .credentials(Credentials.of("key", "s3cret", "test"))
            .tokenCache(new TokenCache())
            .build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 307");
    }
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
    assertThat(proxy.seen()).containsExactly("POST /api/token");
  }

  // ---- answers that are not what the endpoint returns

  @Test
  void anHtmlPageInPlaceOfTheListingIsAnError() {
    proxy.fault("GET", DEFS, -1, FaultProxy.html());

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining(
              "GET "
                  + proxy.url()
                  + DEFS
                  + " answered 200, but not with Conductor's list of workflow definitions")
          .hasMessageContaining("an HTML page")
          .hasMessageContaining("<title>Sign in</title>");
    }
  }

  @Test
  void anObjectWhereTheListBelongsIsAnError() {
    server.stubFor(get(TASKS).willReturn(okJson("{\"items\":[],\"total\":0}")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getTaskDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("not with Conductor's list of task definitions")
          .hasMessageContaining("a JSON object (fields: items, total)");
    }
  }

  @Test
  void aListingWithAnItemThatIsNoDefinitionIsAnError() {
    server.stubFor(get(DEFS).willReturn(okJson("[{\"name\":\"a\",\"version\":1},\"b\"]")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("item 1 is the string \"b\", not a definition");
    }
  }

  @Test
  void aListingThatIsNotJsonIsAnError() {
    server.stubFor(
        get(DEFS)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("[{\"name\":\"a\",\"version\":1},{\"name\":")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("JSON that ends early");
    }
  }

  @Test
  void aBodyCutShortOfItsContentLengthIsRetriedThenAnError() {
    server.stubFor(get(DEFS).willReturn(okJson("[{\"name\":\"a\",\"version\":1,\"tasks\":[]}]")));
    proxy.fault("GET", DEFS, -1, FaultProxy.truncate());

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("the answer broke off")
          .hasMessageContaining("gave up after 4 attempts");
    }
  }

  @Test
  void aBodyCutShortWithoutContentLengthIsAnError() {
    server.stubFor(get(DEFS).willReturn(okJson("[{\"name\":\"a\",\"version\":1,\"tasks\":[]}]")));
    proxy.fault("GET", DEFS, -1, FaultProxy.truncateWithoutLength());

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("JSON that ends early");
    }
  }

  @Test
  void anHtmlAnswerToATaskWriteOrDeleteIsAnError() throws IOException {
    proxy.fault("*", "*", -1, FaultProxy.html());
    List<ObjectNode> task = defs("[{\"name\":\"t\"}]");

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(() -> client.createTaskDefs(task))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("an HTML page");
      assertThatThrownBy(() -> client.updateTaskDef(task.get(0)))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("an HTML page");
      assertThatThrownBy(() -> client.deleteTaskDef("t"))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("an HTML page");
    }
  }

  @Test
  void theBulkAnswerSaysWhichDefinitionsItStored() throws IOException {
    server.stubFor(
        put(DEFS)
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{\"b\":\"bad\"},\"bulkSuccessfulResults\":[\"a\"]}")));

    try (ConductorClient client = client().build()) {
      BulkResult answer =
          client.putWorkflowDefs(defs("[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]"));
      assertThat(answer.answered()).isTrue();
      assertThat(answer.successful()).containsExactly("a");
      assertThat(answer.errors()).containsEntry("b", "bad");
    }
  }

  @Test
  void aBulkAnswerOfAnotherShapeIsAnError() throws IOException {
    server.stubFor(put(DEFS).willReturn(okJson("[\"a\"]")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(() -> client.putWorkflowDefs(defs("[{\"name\":\"a\"}]")))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("not with Conductor's answer to a bulk write");
    }
  }

  @Test
  void anEmptyBulkAnswerAsOlderServersGiveIsNotAConfirmation() throws IOException {
    server.stubFor(put(DEFS).willReturn(aResponse().withStatus(200)));

    try (ConductorClient client = client().build()) {
      assertThat(client.putWorkflowDefs(defs("[{\"name\":\"a\"}]")).answered()).isFalse();
    }
  }

  @Test
  void aStartedWorkflowsIdMustLookLikeOne() {
    proxy.fault("POST", "/api/workflow/wf", -1, FaultProxy.html());

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(() -> client.startWorkflow("wf", null, null))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("not with the id of the started workflow")
          .hasMessageContaining("an HTML page");
    }
  }

  @Test
  void anAnswerOverTheSizeCapIsAnErrorThatSaysWhatToRaise() {
    server.stubFor(
        get(DEFS)
            .willReturn(
                okJson("[" + "{\"name\":\"a\",\"version\":1},".repeat(200) + "{\"name\":\"z\"}]")));

    try (ConductorClient client = client().maxAnswerBytes(1024).build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("the answer is larger than 1 KiB")
          .hasMessageContaining("maxAnswerSize");
    }
    server.verify(1, getRequestedFor(urlEqualTo(DEFS)));
  }

  // ---- stale connections

  @Test
  void connectionsTheGatewayClosedDoNotUseUpTheRetries() throws IOException {
    // A gateway without keep-alive that closes after every answer, and answers two 503s first.
    proxy.closeAfterEveryAnswer(true).fault("GET", DEFS, 2, FaultProxy.status(503));
    server.stubFor(get(TASKS).willReturn(okJson("[]")));
    server.stubFor(get(DEFS).willReturn(okJson("[{\"name\":\"a\",\"version\":1,\"tasks\":[]}]")));

    try (ConductorClient client = client().build()) {
      client.getTaskDefs().size(); // leaves a pooled connection that the gateway has closed
      assertThat(client.getWorkflowDefs()).hasSize(1);
    }
    // Three attempts reached the gateway; the three requests on connections it had closed never
    // did.
    assertThat(proxy.seen())
        .containsExactly("GET " + TASKS, "GET " + DEFS, "GET " + DEFS, "GET " + DEFS);
    assertThat(pauses).hasSize(2);
    assertThat(log.withDebug())
        .filteredOn(l -> l.contains("failed on a connection the far end had closed"))
        .hasSize(3);
  }

  @Test
  void startingAWorkflowNeverGoesOnAPooledConnection() {
    proxy.closeAfterEveryAnswer(true);
    server.stubFor(get(TASKS).willReturn(okJson("[]")));
    server.stubFor(
        post("/api/workflow/wf")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("2b1c6d2e-2a0e-4c3c-9f0e-1a2b3c4d5e6f")));

    try (ConductorClient client = client().build()) {
      client.getTaskDefs();
      assertThat(client.startWorkflow("wf", null, null))
          .isEqualTo("2b1c6d2e-2a0e-4c3c-9f0e-1a2b3c4d5e6f");
    }
    assertThat(proxy.seen()).containsExactly("GET " + TASKS, "POST /api/workflow/wf");
  }

  @Test
  void aWorkflowStartAnswered503WithRetryAfter0IsSentOnce() {
    server.stubFor(
        post("/api/workflow/wf")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(() -> client.startWorkflow("wf", null, null))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 503");
    }
    assertThat(proxy.seen()).containsExactly("POST /api/workflow/wf");
  }

  @Test
  void aWorkflowStartIsSentAgainOnlyWhenNothingWasSent() {
    // Nothing listens: the connection is refused, so nothing reached a server and a second try is
    // safe.
    try (ConductorClient client =
        ConductorClient.builder("http://127.0.0.1:" + freePort())
            .log(log)
            .retries(2)
            .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(350))
            .sleeper(pauses::add)
            .build()) {
      assertThatThrownBy(() -> client.startWorkflow("wf", null, null))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("gave up after 3 attempts");
    }
    assertThat(pauses).hasSize(2);
  }

  @Test
  void aDeleteAnswered404IsNotFoundNotSuccess() {
    server.stubFor(delete(TASKS + "/t").willReturn(aResponse().withStatus(404)));

    try (ConductorClient client = client().build()) {
      assertThatThrownBy(() -> client.deleteTaskDef("t"))
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 404");
    }
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
