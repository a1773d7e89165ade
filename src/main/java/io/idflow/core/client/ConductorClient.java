package io.idflow.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Conductor's REST API, one small method per endpoint over one shared OkHttp client. Every status
 * is mapped in {@link #call}: 2xx to the body, 404 to empty where the caller asked for it, anything
 * else to a {@link ConductorException} carrying the server's message and validation errors.
 *
 * <p>The {@link Builder} adds what real deployments need: credentials ({@link AuthMode}), retries of
 * idempotent calls, TLS and a proxy. No secret ever appears in a message: URLs lose their user info,
 * and known secrets in server answers are replaced by {@code ****}.
 */
public final class ConductorClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl api;
  private final OkHttpClient http;
  private final UnaryOperator<String> redact;

  private ConductorClient(HttpUrl api, OkHttpClient http, UnaryOperator<String> redact) {
    this.api = api;
    this.http = http;
    this.redact = redact;
  }

  /** A client for {@code url} with default timeouts. */
  public static ConductorClient create(String url) {
    return builder(url).build();
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The API base, always ending in {@code /api}. */
  public String apiUrl() {
    return api.toString();
  }

  /**
   * {@code http://host:8080}, {@code http://host:8080/} and {@code http://host:8080/api} all name
   * the same API. User info in the URL is dropped: credentials travel in headers, and the URL shows
   * up in messages.
   */
  static HttpUrl apiBase(String url) {
    String trimmed = url == null ? "" : url.trim();
    HttpUrl parsed = HttpUrl.parse(trimmed);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Not an http(s) URL: '" + Urls.withoutUserInfo(trimmed) + "' (expected e.g. http://localhost:8080)");
    }
    parsed = Urls.withoutUserInfo(parsed);
    List<String> segments = new ArrayList<>(parsed.pathSegments());
    segments.removeIf(String::isEmpty);
    if (segments.isEmpty() || !segments.get(segments.size() - 1).equals("api")) {
      segments.add("api");
    }
    HttpUrl.Builder b = parsed.newBuilder().encodedPath("/");
    segments.forEach(b::addPathSegment);
    return b.build();
  }

  // ---- workflow definitions

  /** Every version of every workflow definition, in one request. */
  public List<ObjectNode> getWorkflowDefs() {
    return objects(call(get(url("metadata", "workflow")), true));
  }

  /** One workflow definition, or empty when the name or version is unknown. */
  public Optional<ObjectNode> getWorkflowDef(String name, int version) {
    HttpUrl url = url("metadata", "workflow", name).newBuilder()
        .addQueryParameter("version", Integer.toString(version)).build();
    return Optional.ofNullable(call(get(url), false)).map(ObjectNode.class::cast);
  }

  /** Creates or updates every definition in one request; the server stores all or none. */
  public BulkResult putWorkflowDefs(List<ObjectNode> definitions) {
    JsonNode answer = call(new Request.Builder().url(url("metadata", "workflow")).put(body(definitions)).build(), true);
    List<String> ok = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    if (answer != null) {
      answer.path("bulkSuccessfulResults").forEach(n -> ok.add(n.asText()));
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("bulkErrorResults").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        errors.put(e.getKey(), e.getValue().asText());
      }
    }
    return new BulkResult(ok, errors);
  }

  /** Asks the server to validate a workflow definition without storing it. */
  public void validateWorkflowDef(ObjectNode definition) {
    call(idempotent(new Request.Builder().url(url("metadata", "workflow", "validate")).post(body(definition))), true);
  }

  // ---- task definitions

  public List<ObjectNode> getTaskDefs() {
    return objects(call(get(url("metadata", "taskdefs")), true));
  }

  public Optional<ObjectNode> getTaskDef(String name) {
    return Optional.ofNullable(call(get(url("metadata", "taskdefs", name)), false)).map(ObjectNode.class::cast);
  }

  /** Creates task definitions in one request. An existing one is replaced whole: use {@link #updateTaskDef} for those. */
  public void createTaskDefs(List<ObjectNode> definitions) {
    call(idempotent(new Request.Builder().url(url("metadata", "taskdefs")).post(body(definitions))), true);
  }

  /** Updates an existing task definition, keeping its {@code createTime}; never creates one. */
  public void updateTaskDef(ObjectNode definition) {
    call(new Request.Builder().url(url("metadata", "taskdefs")).put(body(definition)).build(), true);
  }

  public void deleteTaskDef(String name) {
    call(new Request.Builder().url(url("metadata", "taskdefs", name)).delete().build(), true);
  }

  // ---- executions

  /** Starts a workflow and returns its id; {@code version} null means the latest. */
  public String startWorkflow(String name, Integer version, JsonNode input) {
    HttpUrl.Builder url = url("workflow", name).newBuilder();
    if (version != null) {
      url.addQueryParameter("version", version.toString());
    }
    JsonNode id = call(new Request.Builder().url(url.build()).post(body(input == null ? Json.MAPPER.createObjectNode() : input)).build(), true);
    return id == null ? null : id.asText();
  }

  /** One execution with its tasks, or empty when the id is unknown. */
  public Optional<ObjectNode> getWorkflow(String workflowId) {
    HttpUrl url = url("workflow", workflowId).newBuilder().addQueryParameter("includeTasks", "true").build();
    return Optional.ofNullable(call(get(url), false)).map(ObjectNode.class::cast);
  }

  /** The newest executions, at most {@code size}, optionally filtered by a search query. */
  public List<ObjectNode> searchWorkflows(int size, String query) {
    HttpUrl.Builder url = url("workflow", "search").newBuilder().addQueryParameter("size", Integer.toString(size));
    if (query != null && !query.isBlank()) {
      url.addQueryParameter("query", query);
    }
    JsonNode answer = call(get(url.build()), true);
    return answer == null ? List.of() : objects(answer.path("results"));
  }

  // ---- plumbing

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = api.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  /**
   * A POST that has the same effect when sent twice (an upsert, a validation), so it may be retried.
   * Other POSTs are sent once: starting a workflow twice starts two. GET, PUT and DELETE are
   * idempotent by their method.
   */
  private static Request idempotent(Request.Builder request) {
    return request.tag(CallTag.class, new CallTag(true)).build();
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  private static RequestBody body(Object value) {
    try {
      return RequestBody.create(Json.MAPPER.writeValueAsBytes(value), JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise request body", e);
    }
  }

  private static List<ObjectNode> objects(JsonNode array) {
    List<ObjectNode> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> {
        if (n instanceof ObjectNode o) {
          out.add(o);
        }
      });
    }
    return out;
  }

  /**
   * Sends one request and maps its outcome. Returns the parsed body (a text node when it is not
   * JSON, null when empty), or null on 404 when {@code notFoundIsError} is false.
   */
  private JsonNode call(Request request, boolean notFoundIsError) {
    CallTag tag = request.tag(CallTag.class);
    if (tag == null) {
      tag = new CallTag(!request.method().equals("POST"));
      request = request.newBuilder().tag(CallTag.class, tag).build();
    }
    String what = request.method() + " " + request.url();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      if (response.isSuccessful()) {
        return parse(text, TextNode::valueOf);
      }
      if (response.code() == 404 && !notFoundIsError) {
        return null;
      }
      throw error(what, response.code(), redact.apply(text), tag.attempts);
    } catch (IOException e) {
      throw new ConductorException(what, 0, "cannot reach Conductor at " + apiUrl() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact.apply(e.getMessage()))
          + ")" + hint(e), List.of(), tag.attempts, e);
    }
  }

  /** Maps an error answer: the server's message and validation errors, and the attempts when retried. */
  static ConductorException error(String what, int status, String text, int attempts) {
    JsonNode body = parse(text, t -> null);
    if (body == null || !body.isObject()) {
      String shown = text.isBlank() ? "(empty body)" : text.length() > 500 ? text.substring(0, 500) + "..." : text;
      return new ConductorException(what, status, shown, List.of(), attempts, null);
    }
    List<ValidationError> errors = new ArrayList<>();
    body.path("validationErrors").forEach(e -> errors.add(new ValidationError(
        e.path("path").asText(null), e.path("message").asText(""), e.path("invalidValue").isNull() ? null : e.path("invalidValue").asText(null))));
    String message = body.path("message").asText(body.path("error").asText(text));
    return new ConductorException(what, status, message, errors, attempts, null);
  }

  private static String hint(IOException e) {
    if (e instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(e.getMessage()).contains("PKIX")) {
      return ". The server's certificate is not trusted: use a trust store that holds its CA";
    }
    return "";
  }

  private static JsonNode parse(String text, Function<String, JsonNode> fallback) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return fallback.apply(text);
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /**
   * Options of a client: the URL, timeouts, credentials, retries, TLS and a proxy. Starts from a
   * caller's OkHttp builder when given one ({@link #http}), so callers can add what this does not cover.
   */
  public static final class Builder {
    private final String url;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private OkHttpClient.Builder http = new OkHttpClient.Builder();
    private IdflowLog log = IdflowLog.silent();
    private AuthMode auth = AuthMode.AUTO;
    private Credentials credentials;
    private TokenCache tokens = TokenCache.shared();
    private int retries = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private RetryInterceptor.Sleeper sleeper = Thread::sleep;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private ProxyOptions proxy;

    private Builder(String url) {
      this.url = url;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Starts from a caller's OkHttp configuration (interceptors, proxy, TLS). */
    public Builder http(OkHttpClient.Builder builder) {
      this.http = builder;
      return this;
    }

    /** Where retries, the token exchange and TLS warnings are logged (retries at debug level). */
    public Builder log(IdflowLog log) {
      this.log = log;
      return this;
    }

    /** The credentials to send, or null for none. */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** How to send the credentials; {@link AuthMode#AUTO} by default. */
    public Builder auth(AuthMode mode) {
      this.auth = mode == null ? AuthMode.AUTO : mode;
      return this;
    }

    /** Where Orkes tokens are kept; {@link TokenCache#shared()} by default. */
    public Builder tokenCache(TokenCache cache) {
      this.tokens = cache;
      return this;
    }

    /** How many times an idempotent call is sent again after a transient failure; 3 by default, 0 for never. */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /** The first pause before a retry (500 ms by default), doubled each time up to {@code max} (10 s), with jitter. */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** For tests: how to wait between attempts. */
    Builder sleeper(RetryInterceptor.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Builder tls(TlsOptions tls) {
      this.tls = tls == null ? TlsOptions.DEFAULT : tls;
      return this;
    }

    /** The proxy to reach the server through, or null to connect directly. */
    public Builder proxy(ProxyOptions proxy) {
      this.proxy = proxy;
      return this;
    }

    public ConductorClient build() {
      HttpUrl api = apiBase(url);
      // RetryInterceptor alone decides what is sent again. OkHttp's own retries resend any request,
      // POST included, when a reused connection fails after the server read it: a second execution.
      http.connectTimeout(connectTimeout).readTimeout(readTimeout).writeTimeout(readTimeout).retryOnConnectionFailure(false)
          .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
              .header("User-Agent", "idflow-maven-plugin").header("Accept", "application/json").build()));
      if (proxy != null) {
        proxy.apply(http, api.host());
        log.debug(proxy.bypasses(api.host()) ? "Reaching " + api.host() + " directly (nonProxyHosts of proxy " + proxy + ")"
            : "Reaching " + api + " through proxy " + proxy);
      }
      tls.apply(http, api.toString(), log);
      // The token exchange goes through the same proxy, TLS and retries, but carries no credentials itself.
      OkHttpClient plain = http.build();
      RetryInterceptor retry = new RetryInterceptor(retries, initialBackoff, maxBackoff, sleeper, log);
      OkHttpClient tokenHttp = plain.newBuilder().addInterceptor(retry).build();
      AuthInterceptor authInterceptor = AuthInterceptor.create(auth, credentials, api, tokenHttp, tokens, log);
      OkHttpClient.Builder full = plain.newBuilder();
      if (authInterceptor != null) {
        full.addInterceptor(authInterceptor);  // outside retries: a 401 is never retried, but answered with a new token
      }
      full.addInterceptor(retry);
      // A redirect to another host must not take the credentials along (OkHttp drops only Authorization).
      full.addNetworkInterceptor(chain -> chain.request().url().host().equals(api.host()) ? chain.proceed(chain.request())
          : chain.proceed(chain.request().newBuilder().removeHeader("Authorization").removeHeader(AuthInterceptor.ORKES_HEADER).build()));
      UnaryOperator<String> redact = authInterceptor == null ? UnaryOperator.identity() : authInterceptor::redact;
      return new ConductorClient(api, full.build(), redact);
    }
  }
}
