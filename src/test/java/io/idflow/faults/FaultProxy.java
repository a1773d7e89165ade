package io.idflow.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP/1.1 proxy for tests that stands in front of a real server (or WireMock) and does
 * what the network between a build and Conductor may do: redirect (301, 302, 307, 308), answer a
 * 200 with an HTML page, cut a body short, close the connection after every answer without saying
 * so, or answer 5xx. Every request that is not faulted is forwarded to the target as it came.
 *
 * <p>Usable from invoker scripts (the ITs add the test class path): {@code FaultProxy.start(port,
 * target)}, then rules such as {@code proxy.fault("GET", "/api/metadata/workflow", 2,
 * FaultProxy.status(503))}.
 */
public final class FaultProxy implements Closeable {
  /**
   * Not forwarded: hop-by-hop headers, and Accept-Encoding, so that the faults cut plain bodies,
   * not gzip.
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "transfer-encoding",
          "keep-alive",
          "host",
          "expect",
          "upgrade",
          "proxy-connection",
          "te",
          "trailer",
          "accept-encoding");

  /** What the proxy answers instead of forwarding. */
  public interface Fault {
    /** Writes the answer; returns false when the connection must be closed afterwards. */
    boolean answer(Exchange exchange, OutputStream out) throws IOException;
  }

  /** One request as the proxy read it, and what forwarding it would answer. */
  public static final class Exchange {
    public final String method;
    public final String target;
    final Map<String, String> headers;
    final byte[] body;
    private final FaultProxy proxy;

    Exchange(
        String method, String target, Map<String, String> headers, byte[] body, FaultProxy proxy) {
      this.method = method;
      this.target = target;
      this.headers = headers;
      this.body = body;
      this.proxy = proxy;
    }

    /** The path without the query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** Sends the request on to the target and returns its answer. */
    public HttpResponse<byte[]> forward() throws IOException {
      return proxy.forward(this);
    }

    @Override
    public String toString() {
      return method + " " + target;
    }
  }

  private record Rule(String method, String path, int[] remaining, Fault fault) {

    boolean takes(Exchange e) {
      synchronized (remaining) {
        if (remaining[0] == 0
            || !(method.equals("*") || method.equalsIgnoreCase(e.method))
            || !(path.equals("*") || e.path().equals(path))) {
          return false;
        }
        if (remaining[0] > 0) {
          remaining[0]--;
        }
        return true;
      }
    }
  }

  private final ServerSocket socket;
  private final URI backend;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closeAfterEveryAnswer;
  private volatile int connections;

  private FaultProxy(ServerSocket socket, URI backend) {
    this.socket = socket;
    this.backend = backend;
    Thread acceptor = new Thread(this::accept, "fault-proxy-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A proxy on 127.0.0.1:{@code port} (0 for any free port) in front of {@code target} ({@code
   * http://host:port}).
   */
  public static FaultProxy start(int port, String target) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return new FaultProxy(server, URI.create(target.replaceAll("/+$", "")));
  }

  /**
   * For invoker scripts, which share one JVM: a proxy on {@code port} that replaces (closes) the
   * one an earlier script left running there, e.g. when its build failed before its verify script
   * could stop it.
   */
  public static FaultProxy startShared(int port, String target) throws IOException {
    String key = FaultProxy.class.getName() + "@" + port;
    Object previous = System.getProperties().remove(key);
    if (previous instanceof Closeable c) {
      c.close();
    }
    FaultProxy proxy = start(port, target);
    System.getProperties().put(key, proxy);
    return proxy;
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Answers with {@code fault} instead of forwarding, for the next {@code times} requests whose
   * method ({@code *}: any) and path ({@code *}: any) match; {@code times} below 0 means every such
   * request.
   */
  public FaultProxy fault(String method, String path, int times, Fault fault) {
    rules.add(new Rule(method, path, new int[] {times}, fault));
    return this;
  }

  /**
   * Closes the connection after every answer, without {@code Connection: close}: as a gateway with
   * no keep-alive does.
   */
  public FaultProxy closeAfterEveryAnswer(boolean close) {
    this.closeAfterEveryAnswer = close;
    return this;
  }

  /** Every request the proxy read, as {@code METHOD /path?query}, in order. */
  public List<String> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** The requests that reached the target. */
  public List<String> forwarded() {
    synchronized (forwarded) {
      return List.copyOf(forwarded);
    }
  }

  /** How many connections clients opened to the proxy. */
  public int connections() {
    return connections;
  }

  // ---- faults

  /** An answer with this status and a short text body. */
  public static Fault status(int code) {
    return (e, out) -> {
      write(
          out,
          code,
          Map.of("Content-Type", "text/plain"),
          ("status " + code + " from the fault proxy").getBytes(StandardCharsets.UTF_8));
      return true;
    };
  }

  /**
   * A redirect to {@code location}, with the request's path and query appended when {@code
   * keepPath}.
   */
  public static Fault redirect(int code, String location, boolean keepPath) {
    return (e, out) -> {
      write(
          out,
          code,
          Map.of("Location", keepPath ? location.replaceAll("/+$", "") + e.target : location),
          new byte[0]);
      return true;
    };
  }

  /** A 200 with an HTML page, as a login page or a proxy's error page answers. */
  public static Fault html() {
    return (e, out) -> {
      write(
          out,
          200,
          Map.of("Content-Type", "text/html; charset=utf-8"),
          "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in</form></body></html>"
              .getBytes(StandardCharsets.UTF_8));
      return true;
    };
  }

  /** A 200 with this body and content type. */
  public static Fault body(String contentType, String body) {
    return (e, out) -> {
      write(out, 200, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
      return true;
    };
  }

  /**
   * Forwards the request, then sends the target's status and headers with its full {@code
   * Content-Length} but only the first half of the body, and closes the connection.
   */
  public static Fault truncate() {
    return (e, out) -> {
      HttpResponse<byte[]> r = e.forward();
      byte[] body = r.body();
      writeHead(out, r.statusCode(), headersOf(r), body.length);
      out.write(body, 0, body.length / 2);
      out.flush();
      return false;
    };
  }

  /**
   * Forwards the request, then sends the first half of the target's body with no {@code
   * Content-Length}, ending it by closing the connection: a cut-off body that looks complete to
   * HTTP.
   */
  public static Fault truncateWithoutLength() {
    return (e, out) -> {
      HttpResponse<byte[]> r = e.forward();
      byte[] body = r.body();
      StringBuilder head =
          new StringBuilder("HTTP/1.1 " + r.statusCode() + " " + reason(r.statusCode()) + "\r\n");
      headersOf(r).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, body.length / 2);
      out.flush();
      return false;
    };
  }

  // ---- plumbing

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections++;
        open.add(client);
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        Exchange exchange = read(in);
        if (exchange == null) {
          return;
        }
        seen.add(exchange.toString());
        Fault fault =
            rules.stream().filter(r -> r.takes(exchange)).map(Rule::fault).findFirst().orElse(null);
        boolean keep = fault == null ? pass(exchange, out) : fault.answer(exchange, out);
        out.flush();
        if (!keep || closeAfterEveryAnswer) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(client);
    }
  }

  private boolean pass(Exchange exchange, OutputStream out) throws IOException {
    HttpResponse<byte[]> r = forward(exchange);
    write(out, r.statusCode(), headersOf(r), r.body());
    return true;
  }

  HttpResponse<byte[]> forward(Exchange e) throws IOException {
    forwarded.add(e.toString());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(backend + e.target)).timeout(Duration.ofSeconds(120));
    e.headers.forEach(
        (k, v) -> {
          if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
            b.header(k, v);
          }
        });
    b.method(
        e.method,
        e.body.length == 0 && (e.method.equals("GET") || e.method.equals("DELETE"))
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(e.body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", ex);
    }
  }

  private static Map<String, String> headersOf(HttpResponse<?> r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.headers()
        .map()
        .forEach(
            (k, v) -> {
              if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                out.put(k, String.join(", ", v));
              }
            });
    return out;
  }

  private Exchange read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    byte[] body = new byte[0];
    String length =
        headers.entrySet().stream()
            .filter(x -> x.getKey().equalsIgnoreCase("Content-Length"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if (headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Transfer-Encoding"))) {
      body = chunked(in);
    }
    return new Exchange(parts[0], parts[1], headers, body, this);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
      if (size == 0) {
        line(in);
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      buf.write(c);
    }
    return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static void write(OutputStream out, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    writeHead(out, status, headers, body.length);
    out.write(body);
  }

  private static void writeHead(
      OutputStream out, int status, Map<String, String> headers, int length) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
