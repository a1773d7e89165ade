package io.idflow.bench;

import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baselines' HTTP: one OkHttp client per run (kept-alive connections), instrumented like the
 * core's.
 */
final class Http {
  private Http() {}

  static OkHttpClient client(Meter meter) {
    return meter.instrument(new OkHttpClient.Builder()).readTimeout(Duration.ofMinutes(10)).build();
  }

  /** Sends a request and returns its body; anything but 2xx fails the run. */
  static byte[] send(OkHttpClient http, Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
      if (!response.isSuccessful()) {
        throw new IOException(
            request.method()
                + " "
                + request.url()
                + " answered "
                + response.code()
                + ": "
                + new String(
                    body, 0, Math.min(body.length, 500), java.nio.charset.StandardCharsets.UTF_8));
      }
      return body;
    }
  }
}
