package io.idflow.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Counts what goes over the wire, for one OkHttp client: requests sent (retries included), request
 * and response body bytes (from an {@link EventListener}), and the time spent inside HTTP calls
 * (from an outermost application interceptor that also reads the whole response body, so that the
 * transfer of a large body counts as HTTP time and not as the caller's).
 */
final class Meter {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestBytes = new AtomicLong();
  private final AtomicLong responseBytes = new AtomicLong();
  private final AtomicLong httpNanos = new AtomicLong();
  private volatile boolean paused;

  /** What was counted since the last {@link #reset()}. */
  record Counts(long requests, long requestBytes, long responseBytes, long httpNanos) {}

  /**
   * Instruments {@code builder}: call this before anything else adds interceptors, so the timer is
   * outermost.
   */
  OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
    return builder.addInterceptor(this::timed).eventListener(new Listener());
  }

  void reset() {
    requests.set(0);
    requestBytes.set(0);
    responseBytes.set(0);
    httpNanos.set(0);
  }

  Counts counts() {
    return new Counts(requests.get(), requestBytes.get(), responseBytes.get(), httpNanos.get());
  }

  /** While paused (untimed set-up and clean-up requests), nothing is counted. */
  void pause(boolean paused) {
    this.paused = paused;
  }

  private Response timed(Interceptor.Chain chain) throws IOException {
    long began = System.nanoTime();
    try {
      Response response = chain.proceed(chain.request());
      ResponseBody body = response.body();
      if (body == null) {
        return response;
      }
      byte[] bytes = body.bytes();
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    } finally {
      if (!paused) {
        httpNanos.addAndGet(System.nanoTime() - began);
      }
    }
  }

  private final class Listener extends EventListener {
    @Override
    public void requestHeadersEnd(Call call, Request request) {
      if (!paused) {
        requests.incrementAndGet();
      }
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
      if (!paused) {
        requestBytes.addAndGet(byteCount);
      }
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
      if (!paused) {
        responseBytes.addAndGet(byteCount);
      }
    }
  }
}
