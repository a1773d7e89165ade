package io.idflow.core.client;

import java.time.Duration;
import java.util.List;

/**
 * For tests outside this package: a client whose retries record their pauses instead of sleeping.
 */
public final class NoSleep {
  private NoSleep() {}

  /**
   * {@code retries} retries with the usual backoff shape (100 ms doubling to 400 ms); each pause
   * goes to {@code pauses}.
   */
  public static ConductorClient.Builder builder(String url, int retries, List<Long> pauses) {
    return ConductorClient.builder(url)
        .retries(retries)
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
        .sleeper(pauses::add);
  }
}
