package io.idflow.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second WireMock as the forward proxy; it asks for credentials with 407 as real proxies do. */
class ProxyTest {
  private static final String DEFS = "/api/metadata/workflow";
  private static final String PROXY_PASSWORD = "proxy-pw-42";

  private WireMockServer target;
  private WireMockServer proxy;
  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void start() {
    target = new WireMockServer(wireMockConfig().dynamicPort());
    target.start();
    target.stubFor(get(DEFS).willReturn(okJson("[]")));
    proxy = new WireMockServer(wireMockConfig().dynamicPort().enableBrowserProxying(true));
    proxy.start();
    proxy.stubFor(
        any(anyUrl())
            .atPriority(1)
            .withHeader("Proxy-Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
  }

  @AfterEach
  void stop() {
    target.stop();
    proxy.stop();
    assertThat(log.withDebug()).noneMatch(l -> l.contains(PROXY_PASSWORD));
  }

  private ConductorClient client(ProxyOptions options) {
    return ConductorClient.builder(target.baseUrl()).proxy(options).log(log).retries(0).build();
  }

  @Test
  void goesThroughTheProxyWithItsCredentials() {
    try (ConductorClient client =
        client(new ProxyOptions("localhost", proxy.port(), "ci", PROXY_PASSWORD, null))) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    proxy.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader(
                "Proxy-Authorization", equalTo(okhttp3.Credentials.basic("ci", PROXY_PASSWORD))));
    target.verify(1, getRequestedFor(urlEqualTo(DEFS)));
    assertThat(log.withDebug())
        .contains(
            "DEBUG Reaching "
                + target.baseUrl()
                + "/api through proxy localhost:"
                + proxy.port()
                + " as ci (password ****)");
  }

  @Test
  void refusedProxyCredentialsAreA407NotALoop() {
    proxy.stubFor(
        any(anyUrl())
            .atPriority(1)
            .withHeader("Proxy-Authorization", equalTo(okhttp3.Credentials.basic("ci", "nope")))
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
    try (ConductorClient client =
        client(new ProxyOptions("localhost", proxy.port(), "ci", "nope", null))) {
      assertThatThrownBy(client::getWorkflowDefs)
          .isInstanceOf(ConductorException.class)
          .hasMessageContaining("answered 407");
    }
    target.verify(0, anyRequestedFor(anyUrl()));
    assertThat(proxy.getAllServeEvents()).hasSize(2);
  }

  @Test
  void nonProxyHostsAreReachedDirectly() {
    ProxyOptions options =
        new ProxyOptions("localhost", proxy.port(), null, null, "example.com|local*");
    assertThat(options.bypasses("localhost")).isTrue();
    assertThat(options.bypasses("LOCALHOST")).isTrue();
    assertThat(options.bypasses("conductor.example.com")).isFalse();
    assertThat(
            new ProxyOptions("p", 1, null, null, "*.example.com").bypasses("conductor.example.com"))
        .isTrue();
    try (ConductorClient client = client(options)) {
      assertThat(client.getWorkflowDefs()).isEmpty();
    }
    assertThat(proxy.getAllServeEvents()).isEmpty();
    target.verify(1, getRequestedFor(urlEqualTo(DEFS)));
  }
}
