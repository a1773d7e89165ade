package io.idflow.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Asks a starting Conductor whether it serves requests: healthy, and its metadata API answers. */
final class HealthProbe {
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final Pattern HEALTHY = Pattern.compile("\"healthy\"\\s*:\\s*true");

  private final String baseUrl;

  HealthProbe(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  boolean ready() {
    // /health turns healthy a moment before every controller is mapped: ask the API the goals use
    // too.
    return ok("/health").filter(body -> HEALTHY.matcher(body).find()).isPresent()
        && ok("/api/metadata/taskdefs").isPresent();
  }

  /** The body of a 200 answer; empty for any other status or when nothing answers yet. */
  private Optional<String> ok(String path) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestProperty("Accept", "application/json");
      if (connection.getResponseCode() != 200) {
        return Optional.empty();
      }
      try (InputStream in = connection.getInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
