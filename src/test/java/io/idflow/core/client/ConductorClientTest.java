package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConductorClientTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ConductorClient client;

  @BeforeEach
  void setUp() {
    // Status mapping as one attempt sees it; retries have RetryTest.
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) Json.mapper().readTree(text);
  }

  private String api() {
    return server.baseUrl() + "/api";
  }

  // ---- secrets and environment values

  @Test
  void readsTheNamesOfSecretsAndValuesInEveryShapeAndNeverKeepsAValue() {
    server.stubFor(get("/api/secrets").willReturn(okJson("[\"DB_PASS\", \"API_KEY\"]")));
    // conductor-oss 3.32.3 answers /environment with names and values: the values are dropped.
    server.stubFor(
        get("/api/environment")
            .willReturn(okJson("[{\"name\": \"REGION\", \"value\": \"eu-1\"}]")));

    try (ConductorClient c = ConductorClient.create(server.baseUrl())) {
      assertThat(c.secretNames()).contains(List.of("DB_PASS", "API_KEY"));
      assertThat(c.environmentNames()).contains(List.of("REGION"));
    }
  }

  @Test
  void aServerWithoutTheEndpointsHasNoNames() {
    server.stubFor(get("/api/secrets").willReturn(aResponse().withStatus(404)));

    try (ConductorClient c = ConductorClient.create(server.baseUrl())) {
      assertThat(c.secretNames()).isEmpty();
    }
  }

  // ---- base URL

  @ParameterizedTest(name = "base URL suffix ''{0}''")
  @ValueSource(strings = {"", "/", "/api", "/api/"})
  void acceptsEveryFormOfTheBaseUrl(String suffix) {
    server.stubFor(
        get("/api/metadata/workflow").willReturn(okJson("[{\"name\":\"a\",\"version\":1}]")));

    try (ConductorClient c = ConductorClient.create(server.baseUrl() + suffix)) {
      assertThat(c.apiUrl()).isEqualTo(api());
      assertThat(c.getWorkflowDefs()).extracting(d -> d.path("name").asText()).containsExactly("a");
    }
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
  }

  @Test
  void keepsAContextPathBeforeApi() {
    server.stubFor(get("/conductor/api/metadata/workflow").willReturn(okJson("[]")));

    try (ConductorClient c = ConductorClient.create(server.baseUrl() + "/conductor")) {
      assertThat(c.apiUrl()).isEqualTo(server.baseUrl() + "/conductor/api");
      assertThat(c.getWorkflowDefs()).isEmpty();
    }
  }

  @Test
  void rejectsAUrlWithoutScheme() {
    assertThatThrownBy(() -> ConductorClient.create("localhost:8080"))
        .isInstanceOf(IdflowException.class)
        .hasMessage("Not an http(s) URL: 'localhost:8080' (expected e.g. http://localhost:8080)");
  }

  @Test
  void sendsUserAgentAndAcceptHeaders() {
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));

    client.getWorkflowDefs();

    server.verify(
        getRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withHeader("User-Agent", equalTo("idflow-maven-plugin"))
            .withHeader("Accept", equalTo("application/json")));
  }

  // ---- workflow definitions

  @Test
  void getsEveryWorkflowDefinitionInOneRequest() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "[{\"name\":\"a\",\"version\":1,\"tasks\":[]},{\"name\":\"a\",\"version\":2,\"tasks\":[]},{\"name\":\"b\",\"version\":1}]")));

    List<ObjectNode> defs = client.getWorkflowDefs();

    assertThat(defs)
        .extracting(d -> d.path("name").asText() + " v" + d.path("version").asInt())
        .containsExactly("a v1", "a v2", "b v1");
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
  }

  @Test
  void getsOneWorkflowDefinitionByNameAndVersion() throws IOException {
    server.stubFor(
        get("/api/metadata/workflow/order_flow?version=2")
            .willReturn(okJson("{\"name\":\"order_flow\",\"version\":2,\"tasks\":[]}")));

    Optional<ObjectNode> def = client.getWorkflowDef("order_flow", 2);

    assertThat(def).contains(json("{\"name\":\"order_flow\",\"version\":2,\"tasks\":[]}"));
  }

  @Test
  void returnsEmptyForAMissingWorkflowDefinition() {
    server.stubFor(
        get("/api/metadata/workflow/order_flow?version=99")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":404,\"message\":\"No such workflow found by name: order_flow,"
                            + " version: 99\",\"instance\":\"vm\",\"retryable\":false}")));

    assertThat(client.getWorkflowDef("order_flow", 99)).isEmpty();
  }

  @Test
  void putsWorkflowDefinitionsAsOneJsonArrayAndReadsTheBulkAnswer() throws IOException {
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{\"c\":\"it"
                        + " broke\"},\"bulkSuccessfulResults\":[\"a\",\"b\"]}")));

    BulkResult result =
        client.putWorkflowDefs(
            List.of(
                json("{\"name\":\"a\",\"version\":1,\"tasks\":[],\"threshold\":100.0}"),
                json("{\"name\":\"b\",\"version\":3,\"tasks\":[]}"),
                json("{\"name\":\"c\",\"tasks\":[]}")));

    assertThat(result.successful()).containsExactly("a", "b");
    assertThat(result.errors()).isEqualTo(Map.of("c", "it broke"));
    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalTo(
                    "[{\"name\":\"a\",\"version\":1,\"tasks\":[],\"threshold\":100.0},"
                        + "{\"name\":\"b\",\"version\":3,\"tasks\":[]},{\"name\":\"c\",\"tasks\":[]}]")));
  }

  @Test
  void readsAnEmptyBulkAnswerAsNothingFailed() {
    server.stubFor(put("/api/metadata/workflow").willReturn(aResponse().withStatus(200)));

    BulkResult result =
        client.putWorkflowDefs(List.of(Json.mapper().createObjectNode().put("name", "a")));

    assertThat(result.successful()).isEmpty();
    assertThat(result.errors()).isEmpty();
  }

  // ---- errors

  @Test
  void turnsA400WithValidationErrorsIntoARejection() throws IOException {
    String body =
        Files.readString(Path.of("src/test/resources/golden/roundtrip/bulk-put-invalid-2nd.json"));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));

    ConductorException e =
        catchThrowableOfType(
            ConductorException.class,
            () ->
                client.putWorkflowDefs(
                    List.of(json("{\"name\":\"bh_one\"}"), json("{\"name\":\"bh_two\"}"))));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.isRejection()).isTrue();
    assertThat(e.isUnavailable()).isFalse();
    assertThat(e.request()).isEqualTo("PUT " + api() + "/metadata/workflow");
    assertThat(e.serverMessage()).isEqualTo("Validation failed, check below errors for detail.");
    assertThat(e.validationErrors())
        .containsExactly(
            new ValidationError(
                "updateWorkflowDef.arg0[1]",
                "taskReferenceName: dup should be unique across tasks for a given"
                    + " workflowDefinition: bh_two",
                null));
    assertThat(e.getMessage())
        .isEqualTo(
            "PUT "
                + api()
                + "/metadata/workflow answered 400: Validation failed, check below"
                + " errors for detail."
                + System.lineSeparator()
                + "  - updateWorkflowDef.arg0[1]: taskReferenceName: dup should be"
                + " unique across tasks for a given workflowDefinition: bh_two");
  }

  @Test
  void keepsTheInvalidValueOfAValidationError() throws IOException {
    server.stubFor(
        post("/api/metadata/taskdefs")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":400,\"message\":\"Validation failed, check below errors for"
                            + " detail.\",\"retryable\":false,\"validationErrors\":[{\"path\":\"registerTaskDef.arg0[2].retryCount\",\"message\":\"TaskDef"
                            + " retryCount: 0 must be >= 0\",\"invalidValue\":\"-1\"}]}")));

    ConductorException e =
        catchThrowableOfType(
            ConductorException.class,
            () -> client.createTaskDefs(List.of(json("{\"name\":\"t\"}"))));

    assertThat(e.validationErrors())
        .containsExactly(
            new ValidationError(
                "registerTaskDef.arg0[2].retryCount", "TaskDef retryCount: 0 must be >= 0", "-1"));
  }

  @Test
  void turnsA500WithANonJsonBodyIntoAnUnavailableServer() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Internal Server Error</body></html>")));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.getWorkflowDefs());

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.isUnavailable()).isTrue();
    assertThat(e.isRejection()).isFalse();
    assertThat(e.validationErrors()).isEmpty();
    assertThat(e.getMessage())
        .isEqualTo(
            "GET "
                + api()
                + "/metadata/workflow answered 500: <html><body>Internal Server"
                + " Error</body></html>");
  }

  @Test
  void shortensALongNonJsonErrorBody() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(aResponse().withStatus(502).withBody("x".repeat(2000))));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.getWorkflowDefs());

    assertThat(e.serverMessage()).isEqualTo("x".repeat(500) + "...");
  }

  @Test
  void saysSoWhenTheErrorBodyIsEmpty() {
    server.stubFor(get("/api/metadata/workflow").willReturn(aResponse().withStatus(503)));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.getWorkflowDefs());

    assertThat(e.getMessage())
        .isEqualTo("GET " + api() + "/metadata/workflow answered 503: (empty body)");
  }

  @Test
  void turnsA409IntoARejectionWithTheServersMessage() {
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":409,\"message\":\"Workflow with bh_c.1 already"
                            + " exists!\",\"instance\":\"vm\",\"retryable\":false}")));

    ConductorException e =
        catchThrowableOfType(
            ConductorException.class,
            () ->
                client.putWorkflowDefs(
                    List.of(Json.mapper().createObjectNode().put("name", "bh_c"))));

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.isRejection()).isTrue();
    assertThat(e.serverMessage()).isEqualTo("Workflow with bh_c.1 already exists!");
    assertThat(e.getMessage())
        .isEqualTo(
            "PUT "
                + api()
                + "/metadata/workflow answered 409: Workflow with bh_c.1 already exists!");
  }

  @Test
  void treatsA429AsAnUnavailableServerNotAsARejection() {
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "5")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":429,\"message\":\"Rate limit exceeded\"}")));

    ConductorException e =
        catchThrowableOfType(
            ConductorException.class,
            () ->
                client.putWorkflowDefs(List.of(Json.mapper().createObjectNode().put("name", "a"))));

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.isRejection()).as("the definitions were not refused").isFalse();
    assertThat(e.isUnavailable()).isTrue();
    assertThat(e.serverMessage()).isEqualTo("Rate limit exceeded");
  }

  @Test
  void treatsA404AsAnErrorWhereAbsenceIsNotAnAnswer() {
    server.stubFor(get("/api/metadata/taskdefs").willReturn(aResponse().withStatus(404)));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.getTaskDefs());

    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void reportsAClosedPortAsStatusZeroNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (ConductorClient closed = ConductorClient.create("http://127.0.0.1:" + port)) {
      ConductorException e =
          catchThrowableOfType(ConductorException.class, closed::getWorkflowDefs);

      assertThat(e.status()).isZero();
      assertThat(e.isUnavailable()).isTrue();
      assertThat(e.isRejection()).isFalse();
      assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
      assertThat(e.mayHaveReachedServer()).as("a refused connection carried no request").isFalse();
      assertThat(e.getMessage())
          .startsWith(
              "GET http://127.0.0.1:"
                  + port
                  + "/api/metadata/workflow failed: cannot reach"
                  + " Conductor at http://127.0.0.1:"
                  + port
                  + "/api (ConnectException: ");
    }
  }

  @Test
  void reportsAConnectionResetAsStatusZero() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.getWorkflowDefs());

    assertThat(e.status()).isZero();
    assertThat(e.isUnavailable()).isTrue();
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.mayHaveReachedServer())
        .as("the server read the request before the reset")
        .isTrue();
    assertThat(e.getMessage())
        .startsWith(
            "GET "
                + api()
                + "/metadata/workflow failed: cannot reach Conductor at "
                + api()
                + " (");
  }

  @Test
  void reportsAResponseSlowerThanTheReadTimeoutAsStatusZero() {
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]").withFixedDelay(3000)));

    try (ConductorClient impatient =
        ConductorClient.builder(server.baseUrl())
            .readTimeout(Duration.ofMillis(200))
            .retries(0)
            .build()) {
      ConductorException e =
          catchThrowableOfType(ConductorException.class, impatient::getWorkflowDefs);

      assertThat(e.status()).isZero();
      assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
      assertThat(e.mayHaveReachedServer()).isTrue();
      // OkHttp says "timeout" or "Read timed out" depending on where the wait ended.
      assertThat(e.getMessage())
          .startsWith(
              "GET "
                  + api()
                  + "/metadata/workflow failed: cannot reach Conductor at "
                  + api()
                  + " (SocketTimeoutException: ");
    }
  }

  // ---- names in paths

  @Test
  void encodesSpacesAndNonAsciiCharactersInPaths() {
    server.stubFor(
        get(urlEqualTo("/api/metadata/taskdefs/my%20task"))
            .willReturn(okJson("{\"name\":\"my task\"}")));
    server.stubFor(
        get(urlEqualTo("/api/metadata/workflow/caf%C3%A9%20%E2%98%95?version=1"))
            .willReturn(okJson("{\"name\":\"caf\u00e9 \u2615\",\"version\":1}")));

    assertThat(client.getTaskDef("my task")).map(d -> d.path("name").asText()).contains("my task");
    assertThat(client.getWorkflowDef("caf\u00e9 \u2615", 1))
        .map(d -> d.path("name").asText())
        .contains("caf\u00e9 \u2615");
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/taskdefs/my%20task")));
    server.verify(
        1, getRequestedFor(urlEqualTo("/api/metadata/workflow/caf%C3%A9%20%E2%98%95?version=1")));
  }

  @Test
  void encodesNameInDeleteAndStartPaths() {
    server.stubFor(
        delete(urlEqualTo("/api/metadata/taskdefs/a%20b%3F"))
            .willReturn(aResponse().withStatus(200)));
    server.stubFor(
        post(urlEqualTo("/api/workflow/r%C3%A9sum%C3%A9%20flow"))
            .willReturn(aResponse().withStatus(200).withBody("id-1")));

    client.deleteTaskDef("a b?");
    assertThat(client.startWorkflow("r\u00e9sum\u00e9 flow", null, null)).isEqualTo("id-1");

    server.verify(1, deleteRequestedFor(urlEqualTo("/api/metadata/taskdefs/a%20b%3F")));
  }

  // ---- executions

  @Test
  void startsAWorkflowAndReturnsThePlainTextId() throws IOException {
    server.stubFor(
        post(urlEqualTo("/api/workflow/order_flow?version=2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("1b4f6a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")));

    String id =
        client.startWorkflow("order_flow", 2, json("{\"orderId\":\"o-1\",\"amount\":12.50}"));

    assertThat(id).isEqualTo("1b4f6a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
    server.verify(
        1,
        postRequestedFor(urlEqualTo("/api/workflow/order_flow?version=2"))
            .withRequestBody(equalTo("{\"orderId\":\"o-1\",\"amount\":12.50}")));
  }

  @Test
  void startsTheLatestVersionWithAnEmptyInputWhenNoneIsGiven() {
    server.stubFor(
        post(urlEqualTo("/api/workflow/order_flow"))
            .willReturn(aResponse().withStatus(200).withBody("abc")));

    assertThat(client.startWorkflow("order_flow", null, null)).isEqualTo("abc");
    server.verify(
        1, postRequestedFor(urlEqualTo("/api/workflow/order_flow")).withRequestBody(equalTo("{}")));
  }

  @Test
  void reportsStartingAnUnknownWorkflowAs404() {
    server.stubFor(
        post(urlEqualTo("/api/workflow/nope"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":404,\"message\":\"No such workflow found by name: nope,"
                            + " version: null\",\"instance\":\"vm\",\"retryable\":false}")));

    ConductorException e =
        catchThrowableOfType(
            ConductorException.class, () -> client.startWorkflow("nope", null, null));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.serverMessage()).isEqualTo("No such workflow found by name: nope, version: null");
  }

  // ---- task definitions

  @Test
  void createsTaskDefinitionsWithAPostedArray() throws IOException {
    server.stubFor(post("/api/metadata/taskdefs").willReturn(aResponse().withStatus(200)));

    client.createTaskDefs(
        List.of(json("{\"name\":\"a\",\"retryCount\":1}"), json("{\"name\":\"b\"}")));

    server.verify(
        1,
        postRequestedFor(urlEqualTo("/api/metadata/taskdefs"))
            .withRequestBody(equalToJson("[{\"name\":\"a\",\"retryCount\":1},{\"name\":\"b\"}]")));
  }

  @Test
  void updatesATaskDefinitionWithAPutObject() throws IOException {
    server.stubFor(put("/api/metadata/taskdefs").willReturn(aResponse().withStatus(200)));

    client.updateTaskDef(json("{\"name\":\"a\",\"retryCount\":2}"));

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/taskdefs"))
            .withRequestBody(equalTo("{\"name\":\"a\",\"retryCount\":2}")));
  }

  @Test
  void deletesATaskDefinitionByName() {
    server.stubFor(delete("/api/metadata/taskdefs/a").willReturn(aResponse().withStatus(200)));

    client.deleteTaskDef("a");

    server.verify(1, deleteRequestedFor(urlEqualTo("/api/metadata/taskdefs/a")));
  }

  @Test
  void reportsDeletingAMissingTaskDefinitionWithTheServersMessage() {
    server.stubFor(
        delete("/api/metadata/taskdefs/gone")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":500,\"message\":\"No such task"
                            + " definition\",\"instance\":\"vm\",\"retryable\":false}")));

    ConductorException e =
        catchThrowableOfType(ConductorException.class, () -> client.deleteTaskDef("gone"));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.serverMessage()).isEqualTo("No such task definition");
  }

  @Test
  void getsTaskDefinitionsAndEmptyForAMissingOne() {
    server.stubFor(
        get("/api/metadata/taskdefs").willReturn(okJson("[{\"name\":\"a\"},{\"name\":\"b\"}]")));
    server.stubFor(get("/api/metadata/taskdefs/missing").willReturn(aResponse().withStatus(404)));

    assertThat(client.getTaskDefs())
        .extracting(d -> d.path("name").asText())
        .containsExactly("a", "b");
    assertThat(client.getTaskDef("missing")).isEmpty();
  }
}
