package io.idflow.core.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * URLs as they may appear in messages: never with the user info ({@code user:password@}) they were
 * given with.
 */
public final class Urls {
  private Urls() {}

  /**
   * {@code https://user:secret@host/x} as {@code https://host/x}; text that is no URL comes back
   * unchanged.
   */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url.trim());
    if (parsed != null) {
      if (parsed.username().isEmpty() && parsed.password().isEmpty()) {
        return url;
      }
      String plain = withoutUserInfo(parsed).toString();
      return plain.endsWith("/") && !url.trim().endsWith("/")
          ? plain.substring(0, plain.length() - 1)
          : plain;
    }
    try {
      URI uri = new URI(url.trim());
      if (uri.getRawUserInfo() == null) {
        return url;
      }
      return new URI(
              uri.getScheme(),
              null,
              uri.getHost(),
              uri.getPort(),
              uri.getPath(),
              uri.getQuery(),
              uri.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      int at = url.indexOf('@');
      int scheme = url.indexOf("://");
      return scheme >= 0 && at > scheme
          ? url.substring(0, scheme + 3) + url.substring(at + 1)
          : url;
    }
  }

  /**
   * A URL as a message shows one that came from elsewhere (a redirect's {@code Location}): without
   * user info, query or fragment, which may carry credentials or single-use tokens.
   */
  static String shown(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null) {
      String plain = withoutUserInfo(url);
      return plain == null ? null : plain.replaceAll("[?#].*$", "");
    }
    return withoutUserInfo(parsed).newBuilder().query(null).fragment(null).build().toString();
  }

  static HttpUrl withoutUserInfo(HttpUrl url) {
    return url.username().isEmpty() && url.password().isEmpty()
        ? url
        : url.newBuilder().username("").password("").build();
  }

  /**
   * Whether {@code host} is this machine: {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}. No
   * DNS lookup.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) {
      try {
        return InetAddress.getByName(h)
            .isLoopbackAddress(); // a literal address: parsed, not resolved
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
