package io.idflow.bench;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * transfer of a large body counts as HTTP time and not as the caller's). Requests and response
 * bytes are also kept per route: the method and the first three path segments, such as {@code GET
 * /api/metadata/workflow} (a name after them counts for the same route).
 */
final class Meter {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong requestBytes = new AtomicLong();
  private final AtomicLong responseBytes = new AtomicLong();
  private final AtomicLong httpNanos = new AtomicLong();
  private final Map<String, AtomicLong[]> routes = new ConcurrentHashMap<>();
  private volatile boolean paused;

  /** What was counted since the last {@link #reset()}. */
  record Counts(long requests, long requestBytes, long responseBytes, long httpNanos) {}

  /** What was counted for one route since the last {@link #reset()}. */
  record RouteCounts(long requests, long responseBytes) {}

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
    routes.clear();
  }

  Counts counts() {
    return new Counts(requests.get(), requestBytes.get(), responseBytes.get(), httpNanos.get());
  }

  /** The counts per route, sorted by route. */
  Map<String, RouteCounts> routes() {
    Map<String, RouteCounts> out = new TreeMap<>();
    routes.forEach((k, v) -> out.put(k, new RouteCounts(v[0].get(), v[1].get())));
    return out;
  }

  /** {@code [requests, response bytes]} of the route of {@code request}. */
  private AtomicLong[] route(Request request) {
    var segments = request.url().pathSegments();
    String route =
        request.method()
            + " /"
            + String.join("/", segments.subList(0, Math.min(3, segments.size())));
    return routes.computeIfAbsent(
        route, k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
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
        route(request)[0].incrementAndGet();
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
        route(call.request())[1].addAndGet(byteCount);
      }
    }
  }
}
