package io.idflow.core.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orkes tokens per server and key, so that the goals of one build fetch a token once. That a server
 * is open (404 on {@code /api/token}) is not kept here but by each client. Keys hold a hash of the
 * secret, never the secret.
 */
public final class TokenCache {
  private static final TokenCache SHARED = new TokenCache();

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The cache of this class loader: for Maven, the plugin's, which lives as long as the build. */
  public static TokenCache shared() {
    return SHARED;
  }

  Entry entry(String api, Credentials credentials) {
    String key =
        api + '\n' + credentials.username().orElse("") + '\n' + sha256(credentials.secret());
    return entries.computeIfAbsent(key, k -> new Entry());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One server's token: null until fetched. Guarded by itself. */
  static final class Entry {
    String token;
  }
}
