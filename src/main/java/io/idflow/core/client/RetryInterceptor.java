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
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends an idempotent request again after an I/O error or a 408, 429, 502, 503 or 504, with
 * exponential backoff and jitter, or after the delay the server's {@code Retry-After} asks for.
 * Never another 4xx (the same request would be refused again), and a request whose {@link CallTag}
 * says it is not idempotent (starting a workflow twice starts two) only when it was never sent: the
 * connection could not be made.
 *
 * <p>A failure on a pooled connection that the far end had closed, before any answer came, is not
 * an attempt: the request never reached the server, so the pool is emptied and the request sent at
 * once on a new connection. A gateway that closes every connection after its answer would otherwise
 * use up the retries on connections it had already closed.
 *
 * <p>Every answer's body is read here, up to a size cap, so that a body that breaks off is retried
 * like any other I/O failure.
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
  private final ConnectionPool pool;
  private final long maxAnswerBytes;

  /** An answer over the size cap: not retried, the next one would be as large. */
  static final class AnswerTooLarge extends IOException {
    private final long limit;

    AnswerTooLarge(long limit) {
      super("the answer is larger than " + size(limit));
      this.limit = limit;
    }

    /** The cap, as {@code 512 MiB}. */
    String limit() {
      return size(limit);
    }

    private static String size(long bytes) {
      return bytes % (1L << 20) == 0
          ? (bytes >> 20) + " MiB"
          : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }
  }

  RetryInterceptor(
      int retries,
      Duration initialDelay,
      Duration maxDelay,
      Sleeper sleeper,
      IdflowLog log,
      ConnectionPool pool,
      long maxAnswerBytes) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    this.retries = retries;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
    this.log = log;
    this.pool = pool;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallTag tag = request.tag(CallTag.class);
    if (tag == null) {
      tag = new CallTag(false); // a request from outside the client: sent once
    }
    int maxAttempts = retries + 1;
    String what = request.method() + " " + request.url();
    int stale = 0;
    for (int attempt = 1; ; ) {
      tag.attempts = attempt;
      tag.newAttempt();
      Response response;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        if (chain.call().isCanceled() || e instanceof AnswerTooLarge) {
          throw e;
        }
        if (tag.idempotent && tag.failedOnStaleConnection(e) && stale++ < maxAttempts) {
          pool.evictAll();
          log.debug(
              what
                  + " failed on a connection the far end had closed ("
                  + describe(e)
                  + "); sending it again at once"
                  + " on a new connection (not counted as an attempt)");
          continue;
        }
        // What was never sent may be sent again whatever it is: the connection could not be made.
        boolean mayRepeat = tag.idempotent || !tag.sent;
        if (attempt >= maxAttempts || !mayRepeat || !mayPassNextTime(e)) {
          throw e;
        }
        long delay = backoff(attempt);
        log.debug(
            what
                + " failed ("
                + describe(e)
                + "); retrying in "
                + delay
                + " ms (attempt "
                + (attempt + 1)
                + " of "
                + maxAttempts
                + ")");
        pause(delay);
        attempt++;
        continue;
      }
      if (!tag.idempotent
          || attempt >= maxAttempts
          || !RETRYABLE_STATUSES.contains(response.code())) {
        return response;
      }
      Long asked = retryAfter(response);
      long delay = asked != null ? Math.min(asked, maxRetryAfter()) : backoff(attempt);
      response.close();
      log.debug(
          what
              + " answered "
              + response.code()
              + "; retrying in "
              + delay
              + " ms"
              + (asked != null
                  ? " as its Retry-After asks"
                      + (asked > delay ? " (capped from " + asked + " ms)" : "")
                  : "")
              + " (attempt "
              + (attempt + 1)
              + " of "
              + maxAttempts
              + ")");
      pause(delay);
      attempt++;
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The response with its whole body read into memory, at most {@code maxAnswerBytes}. */
  private Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    try {
      if (body.contentLength() > maxAnswerBytes) {
        throw new AnswerTooLarge(maxAnswerBytes);
      }
      BufferedSource source = body.source();
      if (source.request(maxAnswerBytes + 1)) {
        throw new AnswerTooLarge(maxAnswerBytes);
      }
      byte[] bytes = source.getBuffer().readByteArray();
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    } finally {
      response.close();
    }
  }

  /**
   * Exponential: initial, 2x, 4x ... capped at the maximum; each then jittered down by up to half.
   */
  long backoff(int attempt) {
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
    long half = capped / 2;
    return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
  }

  /**
   * A server may ask for a long pause; a build waits at most a minute, or the maximum backoff if
   * larger.
   */
  private long maxRetryAfter() {
    return Math.max(Duration.ofMinutes(1).toMillis(), maxDelay.toMillis());
  }

  /** Where {@link #hideRetryAfter} keeps the server's {@code Retry-After}. */
  static final String RETRY_AFTER = "X-Idflow-Retry-After";

  /**
   * {@code response} with its {@code Retry-After} under {@link #RETRY_AFTER}, out of sight of
   * OkHttp's own follow-ups.
   */
  static Response hideRetryAfter(Response response) {
    String value = response.header("Retry-After");
    return value == null
        ? response
        : response.newBuilder().removeHeader("Retry-After").header(RETRY_AFTER, value).build();
  }

  /**
   * {@code Retry-After} in seconds or as an HTTP date, in milliseconds from now; null when absent
   * or unreadable. A number too large for milliseconds counts as the longest wait, never as a
   * negative one.
   */
  static Long retryAfter(Response response) {
    String value = response.header(RETRY_AFTER, response.header("Retry-After"));
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.matches("\\d+")) {
      return trimmed.length() > 15 ? Long.MAX_VALUE : Long.parseLong(trimmed) * 1000;
    }
    Date date = okhttp3.Headers.of("Retry-After", trimmed).getDate("Retry-After");
    return date == null ? null : Math.max(0, date.getTime() - System.currentTimeMillis());
  }

  /** Certificate and protocol failures come back the same on every attempt. */
  private static boolean mayPassNextTime(IOException e) {
    return !(e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException
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
