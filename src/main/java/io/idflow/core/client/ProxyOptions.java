package io.idflow.core.client;

import io.idflow.core.IdflowException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * An HTTP proxy, with optional credentials and the hosts to reach without it (Maven's {@code
 * nonProxyHosts}: {@code |}-separated, {@code *} as a wildcard). {@link #toString()} never shows
 * the password.
 */
public final class ProxyOptions {
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final List<String> nonProxyHosts;

  public ProxyOptions(
      String host, int port, String username, String password, String nonProxyHosts) {
    if (host == null || host.isBlank()) {
      throw new IdflowException("A proxy needs a host");
    }
    this.host = host.trim();
    this.port = port;
    this.username = username == null || username.isBlank() ? null : username;
    this.password = password;
    this.nonProxyHosts =
        nonProxyHosts == null
            ? List.of()
            : Arrays.stream(nonProxyHosts.split("[|,]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Whether {@code targetHost} is reached directly, by {@code nonProxyHosts}. */
  public boolean bypasses(String targetHost) {
    String target = targetHost.toLowerCase(Locale.ROOT);
    for (String pattern : nonProxyHosts) {
      String regex =
          Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
              .map(Pattern::quote)
              .reduce((a, b) -> a + ".*" + b)
              .orElse("");
      if (target.matches(regex)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Routes the client's calls to {@code targetHost} through this proxy, unless the host bypasses
   * it.
   */
  void apply(OkHttpClient.Builder http, String targetHost) {
    if (bypasses(targetHost)) {
      http.proxy(Proxy.NO_PROXY);
      return;
    }
    http.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
    if (username != null) {
      String header = okhttp3.Credentials.basic(username, password == null ? "" : password);
      http.proxyAuthenticator(
          (route, response) -> {
            if (header.equals(response.request().header("Proxy-Authorization"))) {
              return null; // these credentials were refused already: asking again cannot help
            }
            return response.request().newBuilder().header("Proxy-Authorization", header).build();
          });
    }
  }

  @Override
  public String toString() {
    return host
        + ":"
        + port
        + (username == null ? "" : " as " + username + " (password ****)")
        + (nonProxyHosts.isEmpty() ? "" : ", not for " + String.join("|", nonProxyHosts));
  }
}
