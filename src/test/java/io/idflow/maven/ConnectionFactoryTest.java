package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.Credentials;
import io.idflow.core.client.ProxyOptions;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping from settings.xml and the environment to the client's options. */
class ConnectionFactoryTest {
  private static final Map<String, String> ENV_KEY =
      Map.of("CONDUCTOR_AUTH_KEY", "env-key", "CONDUCTOR_AUTH_SECRET", "env-secret");

  @TempDir Path dir;
  private SettingsSecurity security;
  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void security() throws Exception {
    security = new SettingsSecurity(dir);
  }

  private ConnectionFactory factory(Settings settings, Map<String, String> env) {
    return new ConnectionFactory(settings, security.decrypter(), env, log);
  }

  private static Proxy proxy(String id, String protocol, boolean active, int port) {
    Proxy p = new Proxy();
    p.setId(id);
    p.setProtocol(protocol);
    p.setActive(active);
    p.setHost("proxy-" + id);
    p.setPort(port);
    return p;
  }

  @Test
  void withoutServerIdTheEnvironmentsKeyAndSecretAreUsed() {
    Credentials c = factory(new Settings(), ENV_KEY).credentials(null).orElseThrow();
    assertThat(c.username()).contains("env-key");
    assertThat(c.secret()).isEqualTo("env-secret");
    assertThat(c.source()).isEqualTo("the environment (CONDUCTOR_AUTH_KEY, CONDUCTOR_AUTH_SECRET)");
    Credentials token =
        factory(null, Map.of("CONDUCTOR_AUTH_TOKEN", "t0k")).credentials("").orElseThrow();
    assertThat(token.hasUsername()).isFalse();
    assertThat(factory(null, Map.of()).credentials(null)).isEmpty();
  }

  @Test
  void settingsXmlWinsOverTheEnvironmentAndADebugLineSaysSo() throws Exception {
    Credentials c =
        factory(
                SettingsSecurity.withServer("prod", "key", security.encrypt("settings-secret")),
                ENV_KEY)
            .credentials("prod")
            .orElseThrow();
    assertThat(c.username()).contains("key");
    assertThat(c.secret()).isEqualTo("settings-secret");
    assertThat(log.withDebug())
        .containsExactly(
            "DEBUG Using the credentials of settings.xml server 'prod'; ignoring"
                + " CONDUCTOR_AUTH_KEY, CONDUCTOR_AUTH_SECRET and CONDUCTOR_AUTH_TOKEN from the"
                + " environment");
  }

  @Test
  void aServerWithoutPasswordIsAnError() {
    assertThatThrownBy(
            () ->
                factory(SettingsSecurity.withServer("prod", "key", null), Map.of())
                    .credentials("prod"))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "settings.xml server 'prod' has no <password>: put the key secret, password or token"
                + " there (encrypt it with mvn --encrypt-password)");
  }

  @Test
  void anUndecryptablePasswordNamesTheServerNotThePassword() {
    String garbage = "{notReallyEncryptedAtAll=}";
    assertThatThrownBy(
            () ->
                factory(SettingsSecurity.withServer("prod", "key", garbage), Map.of())
                    .credentials("prod"))
        .isInstanceOf(IdflowException.class)
        .hasMessageStartingWith("Cannot decrypt settings.xml server 'prod': ");
  }

  @Test
  void theActiveProxyForTheProtocolIsChosen() {
    Settings settings = new Settings();
    settings.addProxy(proxy("off", "http", false, 1));
    settings.addProxy(proxy("plain", "http", true, 2));
    settings.addProxy(proxy("tls", "https", true, 3));
    ConnectionFactory f = factory(settings, Map.of());
    assertThat(f.proxy("http", "c.example.com")).map(ProxyOptions::host).contains("proxy-plain");
    assertThat(f.proxy("https", "c.example.com")).map(ProxyOptions::host).contains("proxy-tls");

    Settings onlyHttp = new Settings();
    onlyHttp.addProxy(proxy("plain", "http", true, 2));
    assertThat(factory(onlyHttp, Map.of()).proxy("https", "c.example.com"))
        .map(ProxyOptions::host)
        .contains("proxy-plain");
    Settings inactive = new Settings();
    inactive.addProxy(proxy("off", "http", false, 1));
    assertThat(factory(inactive, Map.of()).proxy("http", "c.example.com")).isEmpty();
  }

  @Test
  void aProxyWithAnEncryptedPasswordCarriesTheCall() throws Exception {
    WireMockServer target = new WireMockServer(wireMockConfig().dynamicPort());
    WireMockServer proxyServer =
        new WireMockServer(wireMockConfig().dynamicPort().enableBrowserProxying(true));
    target.start();
    proxyServer.start();
    try {
      target.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
      proxyServer.stubFor(
          any(anyUrl())
              .atPriority(1)
              .withHeader("Proxy-Authorization", absent())
              .willReturn(
                  aResponse()
                      .withStatus(407)
                      .withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
      Proxy p = proxy("corp", "http", true, proxyServer.port());
      p.setHost("localhost");
      p.setUsername("ci");
      p.setPassword(security.encrypt("proxy-secret"));
      p.setNonProxyHosts("*.internal|build-cache");
      Settings settings = new Settings();
      settings.addProxy(p);
      try (ConductorClient client =
          factory(settings, Map.of())
              .client(target.baseUrl(), ConnectionFactory.Options.defaults())) {
        client.getWorkflowDefs();
      }
      proxyServer.verify(
          getRequestedFor(urlEqualTo("/api/metadata/workflow"))
              .withHeader(
                  "Proxy-Authorization", equalTo(okhttp3.Credentials.basic("ci", "proxy-secret"))));
      target.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
      assertThat(log.withDebug()).noneMatch(l -> l.contains("proxy-secret"));
    } finally {
      target.stop();
      proxyServer.stop();
    }
  }

  @Test
  void userInfoInTheUrlIsIgnoredWithAWarning() {
    try (ConductorClient client =
        factory(null, Map.of())
            .client("http://bob:pw-in-url@localhost:9", ConnectionFactory.Options.defaults())) {
      assertThat(client.apiUrl()).isEqualTo("http://localhost:9/api");
    }
    assertThat(log.withDebug())
        .contains(
            "WARN Ignoring the user info in the Conductor URL http://localhost:9: put credentials"
                + " in a settings.xml <server> and set serverId");
    assertThat(log.withDebug()).noneMatch(l -> l.contains("pw-in-url"));
  }

  /** An empty PKCS12 trust store with {@code password}. */
  private Path emptyTrustStore(String password) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve("trust.p12");
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void aStorePasswordMayBeGivenEncrypted() throws Exception {
    Path file = emptyTrustStore("store-pw");
    ConnectionFactory.Options encrypted =
        new ConnectionFactory.Options(
            null,
            "auto",
            10,
            60,
            3,
            file.toFile(),
            security.encrypt("store-pw"),
            null,
            null,
            false);
    factory(null, Map.of()).client("https://localhost:9", encrypted).close();
    ConnectionFactory.Options wrong =
        new ConnectionFactory.Options(
            null,
            "auto",
            10,
            60,
            3,
            file.toFile(),
            security.encrypt("not-the-pw"),
            null,
            null,
            false);
    assertThatThrownBy(() -> factory(null, Map.of()).client("https://localhost:9", wrong))
        .hasMessageStartingWith("Cannot read the trust store " + file)
        .hasMessageNotContaining("not-the-pw");
    assertThat(encrypted.toString()).doesNotContain("{");
  }

  @Test
  void aStorePasswordLeftOutIsReadFromTheEnvironment() throws Exception {
    Path file = emptyTrustStore("env-store-pw");
    ConnectionFactory.Options unset =
        new ConnectionFactory.Options(
            null, "auto", 10, 60, 3, file.toFile(), null, null, null, false);
    factory(null, Map.of(ConnectionFactory.Store.TRUST.env, "env-store-pw"))
        .client("https://localhost:9", unset)
        .close();
    // A wrong one in the environment fails: the store is opened with it (PKCS12 opens without any
    // password).
    assertThatThrownBy(
            () ->
                factory(null, Map.of(ConnectionFactory.Store.TRUST.env, "wrong-env-pw"))
                    .client("https://localhost:9", unset))
        .hasMessageStartingWith("Cannot read the trust store " + file)
        .hasMessageNotContaining("wrong-env-pw");
    // The parameter, when given, wins over the environment.
    ConnectionFactory.Options given =
        new ConnectionFactory.Options(
            null, "auto", 10, 60, 3, file.toFile(), "wrong", null, null, false);
    assertThatThrownBy(
            () ->
                factory(null, Map.of(ConnectionFactory.Store.TRUST.env, "env-store-pw"))
                    .client("https://localhost:9", given))
        .hasMessageStartingWith("Cannot read the trust store " + file);
    assertThat(
            factory(null, Map.of(ConnectionFactory.Store.KEY.env, "k"))
                .storePassword(ConnectionFactory.Store.KEY, null))
        .isEqualTo("k");
  }

  @Test
  void badNumbersAreRefused() {
    ConnectionFactory.Options negative =
        new ConnectionFactory.Options(null, "auto", 10, 60, -1, null, null, null, null, false);
    assertThatThrownBy(() -> factory(null, Map.of()).client("http://localhost:9", negative))
        .hasMessage("retries must be 0 or more, got -1");
  }
}
