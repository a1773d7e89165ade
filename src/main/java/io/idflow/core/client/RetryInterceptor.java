package io.idflow.core.client;

import io.idflow.core.IdflowLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownServiceException;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends an idempotent request again after an I/O error or a 408, 429, 502, 503 or 504, with
 * exponential backoff and jitter, or after the delay the server's {@code Retry-After} asks for.
 * Never another 4xx (the same request would be refused again) and never a request whose
 * {@link CallTag} says it is not idempotent (starting a workflow twice starts two).
 */
final class RetryInterceptor implements Interceptor {
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 502, 503, 504);

  /** Waits between attempts; tests record the delays instead of sleeping. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final int retries;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;
  private final IdflowLog log;

  RetryInterceptor(int retries, Duration initialDelay, Duration maxDelay, Sleeper sleeper, IdflowLog log) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    this.retries = retries;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
    this.log = log;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallTag tag = request.tag(CallTag.class);
    int maxAttempts = tag != null && tag.idempotent ? retries + 1 : 1;
    String what = request.method() + " " + request.url();
    for (int attempt = 1; ; attempt++) {
      if (tag != null) {
        tag.attempts = attempt;
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (attempt >= maxAttempts || !mayPassNextTime(e) || chain.call().isCanceled()) {
          throw e;
        }
        long delay = backoff(attempt);
        log.debug(what + " failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + "); retrying in " + delay + " ms (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
        pause(delay);
        continue;
      }
      if (attempt >= maxAttempts || !RETRYABLE_STATUSES.contains(response.code())) {
        return response;
      }
      Long asked = retryAfter(response);
      long delay = asked != null ? Math.min(asked, maxRetryAfter()) : backoff(attempt);
      response.close();
      log.debug(what + " answered " + response.code() + "; retrying in " + delay + " ms"
          + (asked != null ? " as its Retry-After asks" + (asked > delay ? " (capped from " + asked + " ms)" : "") : "")
          + " (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
      pause(delay);
    }
  }

  /** Exponential: initial, 2x, 4x ... capped at the maximum; each then jittered down by up to half. */
  long backoff(int attempt) {
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
    long half = capped / 2;
    return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
  }

  /** A server may ask for a long pause; a build waits at most a minute, or the maximum backoff if larger. */
  private long maxRetryAfter() {
    return Math.max(Duration.ofMinutes(1).toMillis(), maxDelay.toMillis());
  }

  /** {@code Retry-After} in seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
  static Long retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()) * 1000);
    } catch (NumberFormatException e) {
      Date date = response.headers().getDate("Retry-After");
      return date == null ? null : Math.max(0, date.getTime() - System.currentTimeMillis());
    }
  }

  /** Certificate and protocol failures come back the same on every attempt. */
  private static boolean mayPassNextTime(IOException e) {
    return !(e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownServiceException);
  }

  private void pause(long millis) throws InterruptedIOException {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
