package io.idflow.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import io.idflow.core.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.ConnectionSpec;
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
 * <p>The {@link Builder} adds what real deployments need: credentials ({@link AuthMode}), retries
 * of idempotent calls, TLS and a proxy. No secret ever appears in a message: URLs lose their user
 * info, and known secrets in server answers are replaced by {@code ****}.
 */
public final class ConductorClient implements AutoCloseable {
  /** Seconds to wait for a connection, unless {@link Builder#connectTimeout} says otherwise. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  /** Seconds to wait for each answer, unless {@link Builder#readTimeout} says otherwise. */
  public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;

  /**
   * How often an idempotent request is sent again, unless {@link Builder#retries} says otherwise.
   */
  public static final int DEFAULT_RETRIES = 3;

  /**
   * The largest answer read, in MiB: a listing of 2,000 workflows in 5 versions each has been
   * measured at 258 MB.
   */
  public static final int DEFAULT_MAX_ANSWER_MIB = 512;

  public static final long DEFAULT_MAX_ANSWER_BYTES = (long) DEFAULT_MAX_ANSWER_MIB << 20;
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl api;
  private final OkHttpClient http;
  private final UnaryOperator<String> redact;
  private volatile ServerInfo serverInfo;

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

  /** The server, as messages name it: the API base without {@code /api} and without user info. */
  public String serverUrl() {
    String url = api.toString();
    return url.substring(0, url.length() - "/api".length());
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
      throw new IdflowException(
          "Not an http(s) URL: '"
              + Urls.withoutUserInfo(trimmed)
              + "' (expected e.g. http://localhost:8080)");
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
    return call(
        get(url("metadata", "workflow")),
        "Conductor's list of workflow definitions",
        Answer::definitions);
  }

  /**
   * One workflow definition, or empty when the name or version is unknown. An answer that is
   * another definition is a {@link ConductorException}.
   */
  public Optional<ObjectNode> getWorkflowDef(String name, int version) {
    HttpUrl url =
        url("metadata", "workflow", name)
            .newBuilder()
            .addQueryParameter("version", Integer.toString(version))
            .build();
    return find(get(url), "a workflow definition", a -> a.workflow(name, version));
  }

  /**
   * Creates or updates every definition in one request; the server stores all or none. The answer
   * names the definitions stored ({@link BulkResult#answered()} is false when the server names
   * none).
   */
  public BulkResult putWorkflowDefs(List<ObjectNode> definitions) {
    return call(
        new Request.Builder().url(url("metadata", "workflow")).put(body(definitions)).build(),
        "Conductor's answer to a bulk write",
        Answer::bulk);
  }

  /** Asks the server to validate a workflow definition without storing it. */
  public void validateWorkflowDef(ObjectNode definition) {
    call(
        idempotent(
            new Request.Builder()
                .url(url("metadata", "workflow", "validate"))
                .post(body(definition))),
        "Conductor's answer to a validation",
        NOTHING);
  }

  /** Deletes one version of a workflow definition. */
  public void deleteWorkflowDef(String name, int version) {
    call(
        new Request.Builder()
            .url(url("metadata", "workflow", name, Integer.toString(version)))
            .delete()
            .build(),
        "Conductor's answer to a delete",
        NOTHING);
  }

  // ---- task definitions

  public List<ObjectNode> getTaskDefs() {
    return call(
        get(url("metadata", "taskdefs")),
        "Conductor's list of task definitions",
        Answer::definitions);
  }

  public Optional<ObjectNode> getTaskDef(String name) {
    return find(get(url("metadata", "taskdefs", name)), "a task definition", Answer::definition);
  }

  /**
   * Creates task definitions in one request. An existing one is replaced whole: use {@link
   * #updateTaskDef} for those.
   */
  public void createTaskDefs(List<ObjectNode> definitions) {
    call(
        idempotent(new Request.Builder().url(url("metadata", "taskdefs")).post(body(definitions))),
        "Conductor's answer to a write",
        NOTHING);
  }

  /** Updates an existing task definition, keeping its {@code createTime}; never creates one. */
  public void updateTaskDef(ObjectNode definition) {
    call(
        new Request.Builder().url(url("metadata", "taskdefs")).put(body(definition)).build(),
        "Conductor's answer to a write",
        NOTHING);
  }

  public void deleteTaskDef(String name) {
    call(
        new Request.Builder().url(url("metadata", "taskdefs", name)).delete().build(),
        "Conductor's answer to a delete",
        NOTHING);
  }

  // ---- secrets and environment values

  /**
   * The names of the secrets the server holds ({@code GET /api/secrets}, conductor-oss 3.31 and
   * later, Orkes), never their values; empty when the server has no such endpoint.
   */
  public Optional<List<String>> secretNames() {
    return find(get(url("secrets")), "a list of secret names", Answer::names);
  }

  /**
   * The names of the environment values the server holds ({@code GET /api/environment},
   * conductor-oss 3.31 and later); empty when the server has no such endpoint.
   */
  public Optional<List<String>> environmentNames() {
    return find(get(url("environment")), "a list of environment value names", Answer::names);
  }

  // ---- what the server offers

  /**
   * The server's version ({@code GET /api/version}, conductor-oss 3.22 and later); empty when the
   * server has no such endpoint.
   */
  public Optional<String> version() {
    return find(get(url("version")), "the server's version", Answer::version);
  }

  /**
   * Every workflow name with its versions ({@code GET /api/metadata/workflow/names-and-versions}),
   * sorted, without the definitions: a small answer where {@link #getWorkflowDefs()} may be
   * hundreds of MiB. Empty when the server has no such endpoint.
   */
  public Optional<Map<String, List<Integer>>> workflowNamesAndVersions() {
    return find(
        get(url("metadata", "workflow", "names-and-versions")),
        "a map of workflow names to versions",
        Answer::namesAndVersions);
  }

  /**
   * What the server offers: its version, whether it is Orkes, and which optional endpoints answer
   * (secrets, environment values, the scheduler, the names-and-versions listing). Asked on first
   * use, then kept for the life of this client. A server that cannot be reached is a {@link
   * ConductorException}; any other answer is a finding.
   */
  public ServerInfo serverInfo() {
    ServerInfo info = serverInfo;
    if (info == null) {
      synchronized (this) {
        info = serverInfo;
        if (info == null) {
          info = probe();
          serverInfo = info;
        }
      }
    }
    return info;
  }

  private ServerInfo probe() {
    String route = "GET /api/version";
    Optional<String> version = Optional.empty();
    ServerInfo.Endpoint versionEndpoint;
    try {
      version = version();
      versionEndpoint =
          new ServerInfo.Endpoint(
              "version",
              route,
              version.isPresent() ? ServerInfo.Availability.YES : ServerInfo.Availability.NO,
              null);
    } catch (ConductorException e) {
      versionEndpoint = unknown("version", route, e);
    }
    return new ServerInfo(
        version,
        versionEndpoint,
        probe("Orkes", "applications"),
        List.of(
            probe(ServerInfo.SECRETS, "secrets"),
            probe(ServerInfo.ENVIRONMENT, "environment"),
            probe(ServerInfo.SCHEDULER, "scheduler", "schedules"),
            probe(ServerInfo.NAMES_AND_VERSIONS, "metadata", "workflow", "names-and-versions")));
  }

  /** Asks {@code GET /api/<segments>} and says whether it answers with JSON. */
  private ServerInfo.Endpoint probe(String name, String... segments) {
    String route = "GET /api/" + String.join("/", segments);
    try {
      return new ServerInfo.Endpoint(
          name,
          route,
          find(get(url(segments)), "JSON", Answer::json).isPresent()
              ? ServerInfo.Availability.YES
              : ServerInfo.Availability.NO,
          null);
    } catch (ConductorException e) {
      return unknown(name, route, e);
    }
  }

  /**
   * An endpoint whose answer says nothing either way; a server that cannot be reached at all is not
   * a finding but the caller's error.
   */
  private static ServerInfo.Endpoint unknown(String name, String route, ConductorException e) {
    if (e.status() == 0) {
      throw e;
    }
    return new ServerInfo.Endpoint(
        name,
        route,
        ServerInfo.Availability.UNKNOWN,
        e instanceof ConductorException.UnexpectedAnswer
            ? "answered " + e.status() + " with something other than JSON"
            : "answered " + e.status());
  }

  // ---- executions

  /** Starts a workflow and returns its id; {@code version} null means the latest. */
  public String startWorkflow(String name, Integer version, JsonNode input) {
    HttpUrl.Builder url = url("workflow", name).newBuilder();
    if (version != null) {
      url.addQueryParameter("version", version.toString());
    }
    return call(
        new Request.Builder()
            .url(url.build())
            .post(body(input == null ? Json.NODES.objectNode() : input))
            .build(),
        "the id of the started workflow",
        Answer::id);
  }

  /** One execution with its tasks, or empty when the id is unknown. */
  public Optional<ObjectNode> getWorkflow(String workflowId) {
    HttpUrl url =
        url("workflow", workflowId).newBuilder().addQueryParameter("includeTasks", "true").build();
    return find(get(url), "a workflow execution", Answer::object);
  }

  /**
   * Runs {@code request} on Conductor's test API ({@code POST /api/workflow/test}): the workflow
   * with the outputs of its worker tasks given, no worker needed. Answers the finished execution.
   */
  public ObjectNode testWorkflow(ObjectNode request) {
    return call(
        new Request.Builder().url(url("workflow", "test")).post(body(request)).build(),
        "a workflow execution",
        Answer::execution);
  }

  /** One execution without its tasks, or empty when the id is unknown. */
  public Optional<ObjectNode> getWorkflowStatus(String workflowId) {
    HttpUrl url =
        url("workflow", workflowId).newBuilder().addQueryParameter("includeTasks", "false").build();
    return find(get(url), "a workflow execution", Answer::object);
  }

  /**
   * The ids of the executions of {@code name} that have not ended (running or paused), as the
   * server's execution store keeps them: no search index needed. Some stores answer for every
   * version of the name whatever {@code version} says; read each execution to know its version.
   */
  public List<String> runningWorkflowIds(String name, int version) {
    HttpUrl url =
        url("workflow", "running", name)
            .newBuilder()
            .addQueryParameter("version", Integer.toString(version))
            .build();
    return call(get(url), "a list of workflow ids", Answer::ids);
  }

  /**
   * The newest executions, at most {@code size}, optionally filtered by a search query ({@code
   * workflowType=x}).
   */
  public List<ObjectNode> searchWorkflows(int size, String query) {
    HttpUrl.Builder url =
        url("workflow", "search").newBuilder().addQueryParameter("size", Integer.toString(size));
    if (query != null && !query.isBlank()) {
      url.addQueryParameter("query", query);
    }
    return call(get(url.build()), "Conductor's search results", Answer::searchResults);
  }

  // ---- event handlers (no versions, no bulk endpoint: one request per handler)

  public List<ObjectNode> getEventHandlers() {
    return call(get(url("event")), "Conductor's list of event handlers", Answer::definitions);
  }

  /**
   * Creates an event handler. Conductor answers 500 ("already exists") for a name it has: use
   * {@link #updateEventHandler} for those. Never resent once the server may have read it.
   */
  public void createEventHandler(ObjectNode handler) {
    call(
        new Request.Builder().url(url("event")).post(body(handler)).build(),
        "Conductor's answer to a write",
        NOTHING);
  }

  /** Replaces an existing event handler, found by name; never creates one. */
  public void updateEventHandler(ObjectNode handler) {
    call(
        idempotent(new Request.Builder().url(url("event")).put(body(handler))),
        "Conductor's answer to a write",
        NOTHING);
  }

  public void deleteEventHandler(String name) {
    call(
        new Request.Builder().url(url("event", name)).delete().build(),
        "Conductor's answer to a delete",
        NOTHING);
  }

  // ---- schedules (conductor-oss 3.30+ with conductor.scheduler.enabled=true, Orkes)

  public List<ObjectNode> getSchedules() {
    return call(
        get(url("scheduler", "schedules")), "Conductor's list of schedules", Answer::definitions);
  }

  /**
   * Creates or replaces a schedule, found by name (the server keeps its {@code createTime}), and
   * returns what the server stored.
   */
  public ObjectNode putSchedule(ObjectNode schedule) {
    return call(
        idempotent(new Request.Builder().url(url("scheduler", "schedules")).post(body(schedule))),
        "Conductor's answer to a write",
        Answer::definition);
  }

  public void deleteSchedule(String name) {
    call(
        new Request.Builder().url(url("scheduler", "schedules", name)).delete().build(),
        "Conductor's answer to a delete",
        NOTHING);
  }

  /**
   * Asks the server when {@code cronExpression} fires next ({@code GET
   * /scheduler/nextFewSchedules}): it parses the expression as it will when the schedule runs, and
   * answers an error for one it cannot.
   */
  public void checkCron(String cronExpression) {
    HttpUrl url =
        url("scheduler", "nextFewSchedules")
            .newBuilder()
            .addQueryParameter("cronExpression", cronExpression)
            .addQueryParameter("limit", "1")
            .build();
    call(
        get(url),
        "Conductor's next run times",
        answer -> {
          JsonNode times = answer.json();
          if (!times.isArray()) {
            throw new Answer.Unexpected(Answer.describe(times));
          }
          return null;
        });
  }

  // ---- plumbing

  private static final Answer.Reader<Void> NOTHING =
      answer -> {
        answer.nothing();
        return null;
      };

  /**
   * A URL below the API. A name of {@code .} or {@code ..} is refused: URL rules would resolve it
   * to another endpoint ({@code DELETE /api/metadata/taskdefs/..} is {@code DELETE /api/metadata}).
   */
  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = api.newBuilder();
    for (String s : segments) {
      if (s.equals(".")
          || s.equals("..")
          || s.equalsIgnoreCase("%2e")
          || s.equalsIgnoreCase("%2e%2e")) {
        throw new IllegalArgumentException(
            "'" + s + "' cannot be part of a Conductor URL: it would name another endpoint");
      }
      b.addPathSegment(s);
    }
    return b.build();
  }

  /**
   * A POST that has the same effect when sent twice (an upsert, a validation), so it may be
   * retried. Other POSTs are sent once: starting a workflow twice starts two. GET, PUT and DELETE
   * are idempotent by their method.
   */
  private static Request idempotent(Request.Builder request) {
    return request.tag(CallTag.class, new CallTag(true)).build();
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  private static RequestBody body(Object value) {
    return RequestBody.create(Json.bytes(Json.node(value)), JSON);
  }

  /** {@link #call}, with a 404 as empty. */
  private <T> Optional<T> find(Request request, String expected, Answer.Reader<T> reader) {
    return Optional.ofNullable(send(request, expected, reader, true));
  }

  /**
   * Sends one request; anything but a 2xx answer of the expected shape is a {@link
   * ConductorException}.
   */
  private <T> T call(Request request, String expected, Answer.Reader<T> reader) {
    return send(request, expected, reader, false);
  }

  /**
   * Sends one request and maps its outcome: a 2xx is read with {@code reader}, which checks that
   * the body is what the endpoint returns; a 404 is null when {@code notFoundIsNull}; a redirect,
   * an answer of another shape and every other status are a {@link ConductorException}.
   */
  private <T> T send(
      Request request, String expected, Answer.Reader<T> reader, boolean notFoundIsNull) {
    CallTag tag = request.tag(CallTag.class);
    if (tag == null) {
      tag = new CallTag(!request.method().equals("POST"));
      request = request.newBuilder().tag(CallTag.class, tag).build();
    }
    if (!tag.idempotent) {
      // What must not be sent twice goes on a new connection: one the pool kept may have been
      // closed by
      // the far end, and a failure there cannot tell whether the server read the request.
      http.connectionPool().evictAll();
    }
    String what = request.method() + " " + request.url();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      if (response.isSuccessful()) {
        try {
          return reader.read(
              new Answer(responseBody == null ? null : responseBody.contentType(), bytes));
        } catch (Answer.Unexpected e) {
          throw new ConductorException.UnexpectedAnswer(
              what,
              response.code(),
              "answered "
                  + response.code()
                  + ", but not with "
                  + expected
                  + ": "
                  + redact.apply(e.getMessage())
                  + ". Is "
                  + apiUrl()
                  + " Conductor's API, reached directly? A gateway, proxy or login page may stand"
                  + " in between",
              tag.attempts);
        }
      }
      if (response.isRedirect()) {
        throw redirect(api, what, request.url(), response, tag.attempts);
      }
      if (response.code() == 404 && notFoundIsNull) {
        return null;
      }
      throw error(
          what,
          response.code(),
          redact.apply(new String(bytes, StandardCharsets.UTF_8)),
          tag.attempts);
    } catch (IOException e) {
      throw new ConductorException(what, 0, failure(e, tag) + hint(e), List.of(), tag.attempts, e);
    }
  }

  /** What went wrong on the way, as the message of a call that got no usable answer. */
  private String failure(IOException e, CallTag tag) {
    String cause =
        e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + redact.apply(e.getMessage()));
    if (e instanceof RetryInterceptor.AnswerTooLarge large) {
      return "the answer is larger than "
          + large.limit()
          + ", the most this client reads: raise maxAnswerSize"
          + " (-Didflow.maxAnswerSize=<MiB>) if a listing of the server is really that large";
    }
    if (tag.answered) {
      return "the answer broke off while it was read (" + cause + ")";
    }
    return "cannot reach Conductor at " + apiUrl() + " (" + cause + ")";
  }

  /**
   * A 3xx is never followed: OkHttp would turn a PUT or DELETE into a GET and drop its body, and
   * send credentials on. The message names the target and, when it is the same endpoint elsewhere,
   * the URL to set.
   */
  static ConductorException redirect(
      HttpUrl api, String what, HttpUrl from, Response response, int attempts) {
    String location = response.header("Location");
    HttpUrl target = location == null ? null : from.resolve(location);
    String message;
    if (target == null) {
      message =
          "answered "
              + response.code()
              + ", a redirect"
              + (location == null
                  ? " without a Location"
                  : " to '" + Texts.printable(Texts.shortened(Urls.shown(location), 200)) + "'");
    } else {
      String shown = Urls.shown(target.toString());
      String base = sameEndpoint(api, from, target);
      message =
          "answered "
              + response.code()
              + " and redirects to "
              + shown
              + ". The plugin follows no redirect: it would"
              + " turn a write into a read, drop its body and send the credentials on. "
              + (base != null
                  ? "Point the plugin at the server itself: -Didflow.conductorUrl=" + base
                  : "That is not the same endpoint (a login page or another service?): point"
                      + " -Didflow.conductorUrl at Conductor's API itself");
    }
    return new ConductorException(what, response.code(), message, List.of(), attempts, null, true);
  }

  /**
   * The base URL to set when {@code target} is {@code from}'s endpoint at another place, else null.
   */
  private static String sameEndpoint(HttpUrl api, HttpUrl from, HttpUrl target) {
    List<String> endpoint =
        from.pathSegments().subList(api.pathSegments().size(), from.pathSegments().size());
    List<String> targetPath = target.pathSegments();
    int keep = targetPath.size() - endpoint.size();
    if (keep < 0 || !targetPath.subList(keep, targetPath.size()).equals(endpoint)) {
      return null;
    }
    List<String> base = new ArrayList<>(targetPath.subList(0, keep));
    base.removeIf(String::isEmpty);
    if (!base.isEmpty() && base.get(base.size() - 1).equals("api")) {
      base.remove(base.size() - 1);
    }
    HttpUrl.Builder b =
        target.newBuilder().query(null).fragment(null).username("").password("").encodedPath("/");
    base.forEach(b::addPathSegment);
    String url = b.build().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Maps an error answer: the server's message and validation errors, and the attempts when
   * retried.
   */
  static ConductorException error(String what, int status, String text, int attempts) {
    JsonNode body;
    try {
      body = text.isBlank() ? null : Json.read(text);
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      String shown =
          text.isBlank()
              ? "(empty body)"
              : text.length() > 500 ? text.substring(0, 500) + "..." : text;
      return new ConductorException(what, status, shown, List.of(), attempts, null);
    }
    List<ValidationError> errors = new ArrayList<>();
    body.path("validationErrors")
        .forEach(
            e ->
                errors.add(
                    new ValidationError(
                        e.path("path").asText(null),
                        e.path("message").asText(""),
                        e.path("invalidValue").isNull()
                            ? null
                            : e.path("invalidValue").asText(null))));
    String message = body.path("message").asText(body.path("error").asText(text));
    return new ConductorException(what, status, message, errors, attempts, null);
  }

  private static String hint(IOException e) {
    if (e instanceof javax.net.ssl.SSLHandshakeException
        && String.valueOf(e.getMessage()).contains("PKIX")) {
      return ". The server's certificate is not trusted: use a trust store that holds its CA";
    }
    return "";
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /**
   * Options of a client: the URL, timeouts, credentials, retries, TLS and a proxy. Starts from a
   * caller's OkHttp builder when given one ({@link #http}), so callers can add what this does not
   * cover.
   */
  public static final class Builder {
    private final String url;
    private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
    private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS);
    private OkHttpClient.Builder http = new OkHttpClient.Builder();
    private IdflowLog log = IdflowLog.silent();
    private AuthMode auth = AuthMode.AUTO;
    private Credentials credentials;
    private TokenCache tokens = TokenCache.shared();
    private int retries = DEFAULT_RETRIES;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private RetryInterceptor.Sleeper sleeper = Thread::sleep;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private ProxyOptions proxy;
    private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;

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

    /**
     * How many times an idempotent call is sent again after a transient failure; 3 by default, 0
     * for never.
     */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /**
     * The first pause before a retry (500 ms by default), doubled each time up to {@code max} (10
     * s), with jitter.
     */
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

    /**
     * The largest answer read, in bytes ({@value #DEFAULT_MAX_ANSWER_BYTES} by default): a larger
     * one is an error rather than a build that runs out of memory on an endless body.
     */
    public Builder maxAnswerBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxAnswerBytes must be more than 0, got " + bytes);
      }
      this.maxAnswerBytes = bytes;
      return this;
    }

    public ConductorClient build() {
      HttpUrl api = apiBase(url);
      // RetryInterceptor alone decides what is sent again. OkHttp's own retries resend any request,
      // POST included, when a reused connection fails after the server read it: a second execution.
      // No redirect is followed: OkHttp turns a redirected PUT or DELETE into a GET without its
      // body, which a
      // listing then answers with a 200, and the credentials would go along. A 3xx is an error that
      // says where.
      http.connectTimeout(connectTimeout)
          .readTimeout(readTimeout)
          .writeTimeout(readTimeout)
          .retryOnConnectionFailure(false)
          .followRedirects(false)
          .followSslRedirects(false)
          .eventListenerFactory(CallTag.EVENTS)
          // OkHttp resends a request answered 503 with "Retry-After: 0" by itself, a POST too, and
          // fails on a value
          // over 2^31: it sees the header under another name, and RetryInterceptor alone acts on
          // it.
          .addNetworkInterceptor(
              chain -> RetryInterceptor.hideRetryAfter(chain.proceed(chain.request())))
          .addInterceptor(
              chain ->
                  chain.proceed(
                      chain
                          .request()
                          .newBuilder()
                          .header("User-Agent", "idflow-maven-plugin")
                          .header("Accept", "application/json")
                          .build()));
      if (proxy != null) {
        proxy.apply(http, api.host());
        log.debug(
            proxy.bypasses(api.host())
                ? "Reaching " + api.host() + " directly (nonProxyHosts of proxy " + proxy + ")"
                : "Reaching " + api + " through proxy " + proxy);
      }
      tls.apply(http, api.toString(), log);
      if (!api.isHttps()) {
        // Plain http needs no TLS: without a TLS connection spec OkHttp skips loading the JDK's
        // trust store and building a socket factory, a third of a second on a cold JVM.
        http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
      // The token exchange goes through the same proxy, TLS and retries, but carries no credentials
      // itself.
      OkHttpClient plain = http.build();
      RetryInterceptor retry =
          new RetryInterceptor(
              retries,
              initialBackoff,
              maxBackoff,
              sleeper,
              log,
              plain.connectionPool(),
              maxAnswerBytes);
      OkHttpClient tokenHttp = plain.newBuilder().addInterceptor(retry).build();
      AuthInterceptor authInterceptor =
          AuthInterceptor.create(auth, credentials, api, tokenHttp, tokens, log);
      if (authInterceptor != null && !api.isHttps() && !Urls.isLoopback(api.host())) {
        log.warn(
            "Sending the credentials from "
                + credentials.source()
                + " to "
                + api.host()
                + " over plain http: anyone on the"
                + " network path can read them. Use an https:// URL");
      }
      OkHttpClient.Builder full = plain.newBuilder();
      if (authInterceptor != null) {
        full.addInterceptor(
            authInterceptor); // outside retries: a 401 is never retried, but answered with a new
        // token
      }
      full.addInterceptor(retry);
      UnaryOperator<String> redact =
          authInterceptor == null ? UnaryOperator.identity() : authInterceptor::redact;
      return new ConductorClient(api, full.build(), redact);
    }
  }
}
