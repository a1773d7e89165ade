package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The capability probe: the version, Orkes, and each optional endpoint, as servers answer. */
class ServerInfoProbeTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ConductorClient client;

  @BeforeEach
  void setUp() {
    // Unstubbed routes answer 404, as a server without the endpoint does.
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  /** What conductor-oss 3.32.3 answered, with the scheduler off (its default). */
  private void stubOss332() {
    server.stubFor(
        get("/api/version")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain;charset=UTF-8")
                    .withBody("3.32.3")));
    server.stubFor(get("/api/secrets").willReturn(okJson("[]")));
    server.stubFor(get("/api/environment").willReturn(okJson("[]")));
    server.stubFor(get("/api/metadata/workflow/names-and-versions").willReturn(okJson("{}")));
  }

  @Test
  void readsTheVersionAndTheEndpointsOfARecentServer() {
    stubOss332();

    ServerInfo info = client.serverInfo();

    assertThat(info.versionText()).isEqualTo("3.32.3");
    assertThat(info.orkesText())
        .isEqualTo("no (GET /api/applications, an Orkes endpoint, answers 404)");
    assertThat(info.lines())
        .containsExactly(
            "Conductor version: 3.32.3",
            "Orkes: no (GET /api/applications, an Orkes endpoint, answers 404)",
            "secrets (GET /api/secrets): yes",
            "environment values (GET /api/environment): yes",
            "scheduler (GET /api/scheduler/schedules): no (404)",
            "workflow names and versions (GET /api/metadata/workflow/names-and-versions): yes");
  }

  @Test
  void saysTheVersionIsUnknownWhenTheServerHasNoVersionEndpoint() {
    // conductor-oss 3.21.14: no /api/version, no secrets, no environment.
    server.stubFor(get("/api/metadata/workflow/names-and-versions").willReturn(okJson("{}")));

    ServerInfo info = client.serverInfo();

    assertThat(info.version()).isEmpty();
    assertThat(info.versionText())
        .isEqualTo("unknown (no /api/version: conductor-oss before 3.22)");
    assertThat(info.endpoint(ServerInfo.SECRETS).orElseThrow().shown()).isEqualTo("no (404)");
    assertThat(info.endpoint(ServerInfo.ENVIRONMENT).orElseThrow().answers()).isFalse();
    assertThat(info.endpoint(ServerInfo.NAMES_AND_VERSIONS).orElseThrow().answers()).isTrue();
  }

  @Test
  void readsAVersionGivenAsJson() {
    server.stubFor(get("/api/version").willReturn(okJson("{\"version\": \"5.2.1\"}")));

    assertThat(client.serverInfo().versionText()).isEqualTo("5.2.1");
  }

  @Test
  void detectsOrkesOnlyFromAJsonAnswerOfItsEndpoint() {
    server.stubFor(get("/api/applications").willReturn(okJson("[]")));

    assertThat(client.serverInfo().orkesText())
        .isEqualTo("yes (GET /api/applications answers: an Orkes endpoint)");
  }

  @Test
  void saysNotDetectedWhenAnEndpointIsForbidden() {
    server.stubFor(get("/api/applications").willReturn(aResponse().withStatus(403)));
    server.stubFor(get("/api/version").willReturn(aResponse().withStatus(401)));

    ServerInfo info = client.serverInfo();

    assertThat(info.orkesText()).isEqualTo("not detected (GET /api/applications: answered 403)");
    assertThat(info.versionText()).isEqualTo("unknown (GET /api/version answered 401)");
  }

  @Test
  void aLoginPageIsNoEndpoint() {
    server.stubFor(
        get("/api/secrets")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Sign in</body></html>")));

    assertThat(client.serverInfo().endpoint(ServerInfo.SECRETS).orElseThrow().shown())
        .isEqualTo("unknown (answered 200 with something other than JSON)");
  }

  @Test
  void probesOncePerClient() {
    stubOss332();

    ServerInfo first = client.serverInfo();
    ServerInfo second = client.serverInfo();

    assertThat(second).isSameAs(first);
    server.verify(1, getRequestedFor(urlEqualTo("/api/version")));
    server.verify(1, getRequestedFor(urlEqualTo("/api/secrets")));
  }

  @Test
  void failsWhenTheServerCannotBeReached() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (ConductorClient down =
        ConductorClient.builder("http://127.0.0.1:" + port).retries(0).build()) {
      assertThatThrownBy(down::serverInfo)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("cannot reach Conductor at http://127.0.0.1:" + port + "/api");
    }
  }

  @Test
  void readsNamesAndVersionsSorted() {
    server.stubFor(
        get("/api/metadata/workflow/names-and-versions")
            .willReturn(
                okJson(
                    """
                    {"b": [{"name": "b", "version": 2, "createTime": 0}, {"name": "b", "version": 1}],
                     "a": [{"name": "a", "version": 1}]}\
                    """)));

    assertThat(client.workflowNamesAndVersions())
        .contains(Map.of("a", List.of(1), "b", List.of(1, 2)));
    assertThat(client.workflowNamesAndVersions().orElseThrow().keySet()).containsExactly("a", "b");
  }

  @Test
  void refusesNamesAndVersionsWithoutVersions() {
    server.stubFor(
        get("/api/metadata/workflow/names-and-versions")
            .willReturn(okJson("{\"a\": [{\"name\": \"a\"}]}")));

    assertThatThrownBy(client::workflowNamesAndVersions)
        .isInstanceOf(ConductorException.class)
        .hasMessageContaining("lists an item without a version");
  }

  @Test
  void theServerIsEmptyWhenNoEndpointAnswers() {
    server.stubFor(get("/api/version").willReturn(notFound()));

    assertThat(client.version()).isEmpty();
    assertThat(client.workflowNamesAndVersions()).isEmpty();
  }
}
