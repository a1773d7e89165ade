package io.idflow.core.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the plugin writes: URLs lose their user info, known secret values are
 * masked.
 */
public final class Redaction {
  static final String MASK = "****";

  /** {@code scheme://user:password@} anywhere in a text. */
  private static final Pattern USER_INFO =
      Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@?#]+@");

  private Redaction() {}

  /**
   * {@code url} without user info, query or fragment: {@code https://u:p@host/api?token=x} becomes
   * {@code https://host/api}. Null stays null; text that is not a URL loses its user info only.
   */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String trimmed = url.trim();
    try {
      URI uri = new URI(trimmed);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return new URI(
                uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
            .toString();
      }
    } catch (URISyntaxException e) {
      // not a URL: fall through to the text rule
    }
    return USER_INFO.matcher(trimmed).replaceAll("$1").replaceAll("[?#].*$", "");
  }

  /**
   * {@code text} with the user info of every URL in it removed and every value of {@code secrets}
   * masked.
   */
  public static String text(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = USER_INFO.matcher(text).replaceAll("$1");
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }
}
