package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against WireMock with a self-signed certificate made by the JDK's keytool for this test.
 */
class TlsTest {
  private static final String SERVER_PASSWORD = "server-store-pw";
  private static final String TRUST_PASSWORD = "trust-store-pw";
  private static final String CLIENT_PASSWORD = "client-store-pw";

  @TempDir static Path dir;
  static Path serverStore;
  static Path trustStore;
  static Path clientStore;
  static Path clientTrust;

  private WireMockServer server;
  private final CollectingLog log = new CollectingLog();

  @BeforeAll
  static void makeCertificates() throws Exception {
    serverStore = dir.resolve("server.p12");
    trustStore = dir.resolve("trust.p12");
    clientStore = dir.resolve("client.p12");
    clientTrust = dir.resolve("server-trusts-client.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        SERVER_PASSWORD,
        "-keypass",
        SERVER_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "server",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        SERVER_PASSWORD,
        "-file",
        dir.resolve("server.cer").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        dir.resolve("server.cer").toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        TRUST_PASSWORD);
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=idflow-ci",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        clientStore.toString(),
        "-storepass",
        CLIENT_PASSWORD,
        "-keypass",
        CLIENT_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "client",
        "-keystore",
        clientStore.toString(),
        "-storepass",
        CLIENT_PASSWORD,
        "-file",
        dir.resolve("client.cer").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "client",
        "-file",
        dir.resolve("client.cer").toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        clientTrust.toString(),
        "-storepass",
        TRUST_PASSWORD);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private void startServer(boolean needClientAuth) {
    WireMockConfiguration config =
        wireMockConfig()
            .httpDisabled(true)
            .dynamicHttpsPort()
            .keystorePath(serverStore.toString())
            .keystorePassword(SERVER_PASSWORD)
            .keyManagerPassword(SERVER_PASSWORD)
            .keystoreType("PKCS12");
    if (needClientAuth) {
      config
          .needClientAuth(true)
          .trustStorePath(clientTrust.toString())
          .trustStorePassword(TRUST_PASSWORD)
          .trustStoreType("PKCS12");
    }
    server = new WireMockServer(config);
    server.start();
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson("[]")));
  }

  @AfterEach
  void stop() {
    server.stop();
    assertThat(log.withDebug())
        .noneMatch(l -> l.contains(TRUST_PASSWORD) || l.contains(CLIENT_PASSWORD));
  }

  private String url() {
    return "https://localhost:" + server.httpsPort();
  }

  private ConductorClient client(TlsOptions tls) {
    return ConductorClient.builder(url()).tls(tls).log(log).build();
  }

  @Test
  void aSelfSignedCertificateIsRefusedByDefaultWithoutRetries() {
    startServer(false);
    try (ConductorClient client = client(TlsOptions.DEFAULT)) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining(
              "cannot reach Conductor at " + url() + "/api (SSLHandshakeException")
          .hasMessageEndingWith(
              "The server's certificate is not trusted: use a trust store that holds its CA")
          .hasMessageNotContaining("attempts");
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void aTrustStoreWithTheCertificateIsTrusted() {
    startServer(false);
    try (ConductorClient client =
        client(new TlsOptions(trustStore, TRUST_PASSWORD, null, null, false))) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    assertThat(log.withDebug()).noneMatch(l -> l.startsWith("WARN"));
  }

  @Test
  void insecureTrustsAnyCertificateAndSaysSoLoudly() {
    startServer(false);
    try (ConductorClient client = client(new TlsOptions(null, null, null, null, true))) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    assertThat(log.withDebug())
        .anyMatch(l -> l.startsWith("WARN TLS verification is OFF") && l.contains(url()));
  }

  @Test
  void aClientCertificateSatisfiesAServerThatRequiresOne() {
    startServer(true);
    try (ConductorClient client =
        client(new TlsOptions(trustStore, TRUST_PASSWORD, clientStore, CLIENT_PASSWORD, false))) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    try (ConductorClient client =
        ConductorClient.builder(url())
            .retries(0)
            .tls(new TlsOptions(trustStore, TRUST_PASSWORD, null, null, false))
            .build()) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("cannot reach Conductor");
    }
  }

  @Test
  void aWrongStorePasswordFailsWithoutShowingIt() {
    startServer(false);
    assertThatThrownBy(() -> client(new TlsOptions(trustStore, "wrong-pw-123", null, null, false)))
        .isInstanceOf(IdflowException.class)
        .hasMessageStartingWith("Cannot read the trust store " + trustStore + ": ")
        .hasMessageNotContaining("wrong-pw-123");
    assertThatThrownBy(
            () -> client(new TlsOptions(dir.resolve("nope.p12"), null, null, null, false)))
        .hasMessage("The trust store " + dir.resolve("nope.p12") + " does not exist");
    assertThat(
            new TlsOptions(trustStore, TRUST_PASSWORD, clientStore, CLIENT_PASSWORD, false)
                .toString())
        .doesNotContain(TRUST_PASSWORD)
        .doesNotContain(CLIENT_PASSWORD);
  }
}
