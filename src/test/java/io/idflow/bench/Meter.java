package io.idflow.bench;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Counts what goes over the wire, for one OkHttp client: requests sent and their request and
 * response body bytes (from a network interceptor, which sees every request put on the wire, a
 * retry or a redirect again), and the time spent inside HTTP calls (from an outermost application
 * interceptor that also reads the whole response body, so that the transfer of a large body counts
 * as HTTP time and not as the caller's). Requests and response bytes are also kept per route: the
 * method and the first three path segments, such as {@code GET /api/metadata/workflow} (a name
 * after them counts for the same route).
 *
 * <p>Not an {@code EventListener}: {@code ConductorClient} sets its own listener factory on the
 * builder it is given, which replaces any listener set before; interceptors are added to.
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
   * the outermost application interceptor and the counter the outermost network interceptor.
   */
  OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
    return builder.addInterceptor(this::timed).addNetworkInterceptor(this::counted);
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

  private Response counted(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    if (paused) {
      return chain.proceed(request);
    }
    AtomicLong[] route = route(request);
    requests.incrementAndGet();
    route[0].incrementAndGet();
    requestBytes.addAndGet(length(request.body()));
    Response response = chain.proceed(request);
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    // The body as it comes off the connection (before any gzip is undone), counted as it is read.
    ForwardingSource counting =
        new ForwardingSource(body.source()) {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            long read = super.read(sink, byteCount);
            if (read > 0) {
              responseBytes.addAndGet(read);
              route[1].addAndGet(read);
            }
            return read;
          }
        };
    return response
        .newBuilder()
        .body(ResponseBody.create(Okio.buffer(counting), body.contentType(), body.contentLength()))
        .build();
  }

  private static long length(RequestBody body) throws IOException {
    if (body == null) {
      return 0;
    }
    long length = body.contentLength();
    if (length >= 0) {
      return length;
    }
    Buffer buffer = new Buffer(); // a body of unknown length: written once more, to count it
    body.writeTo(buffer);
    return buffer.size();
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
}
