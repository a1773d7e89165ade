package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
  private static final String KEY = "key-id-1";
  private static final String SECRET = "s3cr3t-key-secret";
  private static final String TOKEN_PATH = "/api/token";
  private static final String DEFS = "/api/metadata/workflow";

  private WireMockServer server;
  private final CollectingLog log = new CollectingLog();
  private final TokenCache cache = new TokenCache();

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    assertThat(log.withDebug())
        .noneMatch(l -> l.contains(SECRET) || l.contains("tok-1") || l.contains("tok-2"));
  }

  private ConductorClient client(AuthMode mode, Credentials credentials) {
    return ConductorClient.builder(server.baseUrl())
        .auth(mode)
        .credentials(credentials)
        .tokenCache(cache)
        .log(log)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
        .build();
  }

  private void stubToken(String token) {
    server.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"token\":\"" + token + "\"}")));
  }

  @Test
  void withoutCredentialsSendsNoAuthHeader() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.AUTO, null)) {
      client.getWorkflowDefs();
    }
    server.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("Authorization", absent())
            .withHeader("X-Authorization", absent()));
    server.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  @Test
  void aSecretAloneIsSentAsBearerToken() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.AUTO, Credentials.token("tok-1", "test"))) {
      client.getWorkflowDefs();
    }
    server.verify(
        getRequestedFor(urlEqualTo(DEFS)).withHeader("Authorization", equalTo("Bearer tok-1")));
    server.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  @Test
  void forcedBearerSendsThePasswordOfAUserAsToken() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.BEARER, Credentials.of(KEY, SECRET, "test"))) {
      client.getWorkflowDefs();
    }
    server.verify(
        getRequestedFor(urlEqualTo(DEFS)).withHeader("Authorization", equalTo("Bearer " + SECRET)));
  }

  @Test
  void basicSendsUserAndPassword() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.BASIC, Credentials.of("alice", SECRET, "test"))) {
      client.getWorkflowDefs();
    }
    server.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("Authorization", equalTo(okhttp3.Credentials.basic("alice", SECRET))));
  }

  @Test
  void noneSendsNothingEvenWithCredentials() {
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.NONE, Credentials.of(KEY, SECRET, "test"))) {
      client.getWorkflowDefs();
    }
    server.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("Authorization", absent())
            .withHeader("X-Authorization", absent()));
    server.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  @Test
  void aKeyAndSecretAreExchangedForATokenOnceAndSentAsXAuthorization() {
    stubToken("tok-1");
    server.stubFor(
        get(DEFS).withHeader("X-Authorization", equalTo("tok-1")).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.AUTO, Credentials.of(KEY, SECRET, "test"))) {
      client.getWorkflowDefs();
      client.getWorkflowDefs();
    }
    try (ConductorClient another = client(AuthMode.ORKES, Credentials.of(KEY, SECRET, "test"))) {
      another.getWorkflowDefs(); // a later goal of the same build
    }
    server.verify(
        1,
        postRequestedFor(urlEqualTo(TOKEN_PATH))
            .withRequestBody(
                equalToJson("{\"keyId\":\"" + KEY + "\",\"keySecret\":\"" + SECRET + "\"}")));
    server.verify(
        3, getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", equalTo("tok-1")));
    assertThat(log.withDebug())
        .anyMatch(
            l -> l.startsWith("DEBUG Authenticating to ") && l.contains("key id '" + KEY + "'"));
  }

  @Test
  void a401FetchesANewTokenExactlyOnceAndSendsTheRequestAgain() {
    server.stubFor(
        post(TOKEN_PATH)
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"token\":\"tok-1\"}"))
            .willSetStateTo("second"));
    server.stubFor(
        post(TOKEN_PATH)
            .inScenario("t")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"token\":\"tok-2\"}")));
    server.stubFor(
        get(DEFS)
            .withHeader("X-Authorization", equalTo("tok-1"))
            .willReturn(aResponse().withStatus(401)));
    server.stubFor(
        get(DEFS).withHeader("X-Authorization", equalTo("tok-2")).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.ORKES, Credentials.of(KEY, SECRET, "test"))) {
      assertThat(client.getWorkflowDefs()).isEmpty();
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    server.verify(
        1, getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", equalTo("tok-1")));
    server.verify(
        2, getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", equalTo("tok-2")));
  }

  @Test
  void a401ToTheFreshTokenFailsAfterOneRefetch() {
    stubToken("tok-1");
    server.stubFor(
        get(DEFS)
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Token expired\"}")));
    try (ConductorClient client = client(AuthMode.ORKES, Credentials.of(KEY, SECRET, "test"))) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 401: Token expired")
          .satisfies(e -> assertThat(((ConductorException) e).isRejection()).isTrue());
    }
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    server.verify(2, getRequestedFor(urlEqualTo(DEFS)));
  }

  @Test
  void a404OnTheTokenEndpointMeansAnOpenServer() {
    server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(404)));
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient client = client(AuthMode.AUTO, Credentials.of(KEY, SECRET, "test"))) {
      client.getWorkflowDefs();
      client.getWorkflowDefs();
    }
    server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    server.verify(
        2,
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("X-Authorization", absent())
            .withHeader("Authorization", absent()));
    assertThat(log.withDebug()).anyMatch(l -> l.contains("answered 404: an open server"));
  }

  @Test
  void a404FromTheTokenEndpointHoldsForOneClientNotForTheRestOfTheJvm() {
    server.stubFor(
        post(TOKEN_PATH)
            .inScenario("gateway")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(404))
            .willSetStateTo("up"));
    server.stubFor(
        post(TOKEN_PATH)
            .inScenario("gateway")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{\"token\":\"tok-9\"}")));
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    try (ConductorClient first = client(AuthMode.AUTO, Credentials.of(KEY, SECRET, "test"))) {
      first.getWorkflowDefs();
    }
    try (ConductorClient second = client(AuthMode.AUTO, Credentials.of(KEY, SECRET, "test"))) {
      second.getWorkflowDefs();
    }
    server.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    server.verify(
        1, getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", equalTo("tok-9")));
  }

  @Test
  void credentialsOverPlainHttpToAnotherMachineDrawAWarning() {
    for (String url :
        List.of(
            "http://conductor.example.com:8080",
            server.baseUrl(),
            "https://conductor.example.com")) {
      ConductorClient.builder(url)
          .credentials(Credentials.token("t", "ci"))
          .log(log)
          .build()
          .close();
    }
    assertThat(log.at("WARN"))
        .containsExactly(
            "Sending the credentials from ci to conductor.example.com over plain http:"
                + " anyone on the network path can read them. Use an https:// URL");
  }

  @Test
  void aRefusedKeyFailsWithAHintAndWithoutTheSecret() {
    server.stubFor(
        post(TOKEN_PATH)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"message\":\"Invalid key secret " + SECRET + "\"}")));
    try (ConductorClient client =
        client(AuthMode.AUTO, Credentials.of(KEY, SECRET, "settings.xml server 'prod'"))) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining(
              "POST " + server.baseUrl() + "/api/token answered 401: Invalid key secret ****")
          .hasMessageContaining("check the key id and secret from settings.xml server 'prod'")
          .hasMessageNotContaining(SECRET);
    }
    server.verify(0, getRequestedFor(urlEqualTo(DEFS)));
  }

  @Test
  void aServerThatEchoesTheTokenHasItRedacted() {
    stubToken("tok-1");
    server.stubFor(
        get(DEFS)
            .willReturn(
                aResponse().withStatus(400).withBody("{\"message\":\"bad header tok-1\"}")));
    try (ConductorClient client = client(AuthMode.ORKES, Credentials.of(KEY, SECRET, "test"))) {
      assertThatThrownBy(client::getWorkflowDefs)
          .hasMessageContaining("bad header ****")
          .hasMessageNotContaining("tok-1");
    }
  }

  @Test
  void forcedModesNeedTheirCredentials() {
    assertThatThrownBy(() -> client(AuthMode.BEARER, null))
        .isInstanceOf(IdflowException.class)
        .hasMessage("Auth mode bearer needs credentials, and none were given");
    assertThatThrownBy(
            () ->
                client(
                    AuthMode.ORKES,
                    Credentials.token(SECRET, "the environment (CONDUCTOR_AUTH_TOKEN)")))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "Auth mode orkes needs a user name (key id) and a secret; the environment"
                + " (CONDUCTOR_AUTH_TOKEN) has only a secret");
    assertThatThrownBy(() -> AuthMode.parse("kerberos"))
        .hasMessage("Unknown auth mode 'kerberos': use one of auto, none, bearer, basic, orkes");
  }

  @Test
  void credentialsComeFromTheSdkEnvironmentVariables() {
    assertThat(Credentials.fromEnvironment(Map.of())).isEmpty();
    Credentials key =
        Credentials.fromEnvironment(
                Map.of(
                    "CONDUCTOR_AUTH_KEY",
                    KEY,
                    "CONDUCTOR_AUTH_SECRET",
                    SECRET,
                    "CONDUCTOR_AUTH_TOKEN",
                    "t"))
            .orElseThrow();
    assertThat(key.username()).contains(KEY);
    assertThat(key.secret()).isEqualTo(SECRET);
    Credentials token =
        Credentials.fromEnvironment(Map.of("CONDUCTOR_AUTH_TOKEN", "tok-1")).orElseThrow();
    assertThat(token.hasUsername()).isFalse();
    assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("CONDUCTOR_AUTH_KEY", KEY)))
        .hasMessage(
            "CONDUCTOR_AUTH_KEY is set but CONDUCTOR_AUTH_SECRET is not: set both, or neither");
  }

  @Test
  void credentialsNeverShowTheirSecret() {
    assertThat(Credentials.of(KEY, SECRET, "settings.xml server 'prod'").toString())
        .isEqualTo("Credentials[user key-id-1, secret ****, from settings.xml server 'prod']");
    assertThat(Credentials.token(SECRET, "env").toString()).doesNotContain(SECRET);
  }

  @Test
  void userInfoInTheUrlIsNeverSentNorShown() {
    String url = "http://bob:" + SECRET + "@127.0.0.1:" + server.port();
    server.stubFor(get(DEFS).willReturn(aResponse().withStatus(500).withBody("boom")));
    try (ConductorClient client = ConductorClient.builder(url).retries(0).build()) {
      assertThat(client.apiUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/api");
      assertThatThrownBy(client::getWorkflowDefs)
          .hasMessageNotContaining(SECRET)
          .hasMessageNotContaining("bob");
    }
    server.verify(getRequestedFor(urlPathEqualTo(DEFS)).withHeader("Authorization", absent()));
    assertThat(Urls.withoutUserInfo("https://u:p@host:8443/x?y=1"))
        .isEqualTo("https://host:8443/x?y=1");
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedSoTheCredentialsStay() {
    WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort());
    other.start();
    try {
      other.stubFor(get(DEFS).willReturn(okJson("[]")));
      server.stubFor(
          get(DEFS)
              .willReturn(
                  aResponse()
                      .withStatus(302)
                      .withHeader("Location", "http://localhost:" + other.port() + DEFS)));
      try (ConductorClient client =
          ConductorClient.builder("http://127.0.0.1:" + server.port())
              .credentials(Credentials.token("tok-1", "test"))
              .build()) {
        assertThatThrownBy(client::getWorkflowDefs)
            .isInstanceOf(ConductorException.class)
            .hasMessageContaining("answered 302");
      }
      server.verify(
          getRequestedFor(urlEqualTo(DEFS)).withHeader("Authorization", equalTo("Bearer tok-1")));
      assertThat(other.getAllServeEvents()).isEmpty();
    } finally {
      other.stop();
    }
  }
}
