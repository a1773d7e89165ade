package io.idflow.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Adds credentials to every request, as the {@link AuthMode} says. For Orkes it exchanges the key
 * id and secret for a token once ({@link TokenCache}), sends it as {@code X-Authorization}, and on
 * a 401 fetches a new token once and sends the request once more.
 */
abstract class AuthInterceptor implements Interceptor {
  static final String ORKES_HEADER = "X-Authorization";

  private final Credentials credentials;

  private AuthInterceptor(Credentials credentials) {
    this.credentials = credentials;
  }

  /**
   * The interceptor for {@code mode} and {@code credentials} (either may say "nothing"), or null
   * when no credentials are sent. Fails when a forced mode lacks what it needs.
   */
  static AuthInterceptor create(
      AuthMode mode,
      Credentials credentials,
      HttpUrl api,
      OkHttpClient tokenHttp,
      TokenCache cache,
      IdflowLog log) {
    AuthMode effective = mode.with(credentials);
    switch (effective) {
      case NONE -> {
        if (credentials != null) {
          log.debug("Auth mode none: not sending the credentials from " + credentials.source());
        }
        return null;
      }
      case BEARER -> {
        require(mode, credentials, false);
        log.debug("Authenticating to " + api + " with a bearer token from " + credentials.source());
        String header = "Bearer " + credentials.secret();
        return new AuthInterceptor(credentials) {
          @Override
          public Response intercept(Chain chain) throws IOException {
            return chain.proceed(
                chain.request().newBuilder().header("Authorization", header).build());
          }
        };
      }
      case BASIC -> {
        require(mode, credentials, true);
        log.debug(
            "Authenticating to "
                + api
                + " with HTTP basic auth as '"
                + credentials.username().orElseThrow()
                + "' from "
                + credentials.source());
        String header =
            okhttp3.Credentials.basic(credentials.username().orElseThrow(), credentials.secret());
        return new AuthInterceptor(credentials) {
          @Override
          public Response intercept(Chain chain) throws IOException {
            return chain.proceed(
                chain.request().newBuilder().header("Authorization", header).build());
          }
        };
      }
      case ORKES -> {
        require(mode, credentials, true);
        log.debug(
            "Authenticating to "
                + api
                + " with key id '"
                + credentials.username().orElseThrow()
                + "' from "
                + credentials.source()
                + " (POST "
                + api
                + "/token, then "
                + ORKES_HEADER
                + ")");
        return new Orkes(
            credentials, api, tokenHttp, cache.entry(api.toString(), credentials), log);
      }
      default -> throw new IllegalStateException(effective.toString());
    }
  }

  private static void require(AuthMode mode, Credentials credentials, boolean username) {
    if (credentials == null) {
      throw new IdflowException("Auth mode " + mode + " needs credentials, and none were given");
    }
    if (username && !credentials.hasUsername()) {
      throw new IdflowException(
          "Auth mode "
              + mode
              + " needs a user name (key id) and a secret; "
              + credentials.source()
              + " has only a secret");
    }
  }

  /** {@code text} with every secret this interceptor knows replaced by {@code ****}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets()) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "****");
      }
    }
    return out;
  }

  List<String> secrets() {
    return List.of(credentials.secret());
  }

  /** The Orkes key flow. */
  private static final class Orkes extends AuthInterceptor {
    private static final MediaType JSON = MediaType.get("application/json");

    private final Credentials credentials;
    private final HttpUrl api;
    private final HttpUrl tokenUrl;
    private final OkHttpClient tokenHttp;
    private final TokenCache.Entry entry;
    private final IdflowLog log;

    /**
     * This client found no token endpoint (404): an open server. Kept here, not in the shared
     * cache: one 404 (a gateway's, a server still starting) must not turn off authentication for
     * every later client.
     */
    private volatile boolean open;

    Orkes(
        Credentials credentials,
        HttpUrl api,
        OkHttpClient tokenHttp,
        TokenCache.Entry entry,
        IdflowLog log) {
      super(credentials);
      this.credentials = credentials;
      this.api = api;
      this.tokenUrl = api.newBuilder().addPathSegment("token").build();
      this.tokenHttp = tokenHttp;
      this.entry = entry;
      this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      String token = token();
      if (token == null) {
        return chain.proceed(request);
      }
      Response response = chain.proceed(request.newBuilder().header(ORKES_HEADER, token).build());
      if (response.code() != 401) {
        return response;
      }
      response.close();
      log.debug(
          request.method()
              + " "
              + request.url()
              + " answered 401 to the cached token: fetching a new one and trying once more");
      String fresh = refresh(token);
      return chain.proceed(
          fresh == null ? request : request.newBuilder().header(ORKES_HEADER, fresh).build());
    }

    private String token() throws IOException {
      if (open) {
        return null;
      }
      synchronized (entry) {
        if (entry.token == null) {
          entry.token = fetch();
          open = entry.token == null;
        }
        return entry.token;
      }
    }

    /** A new token, unless another call already replaced the stale one. */
    private String refresh(String stale) throws IOException {
      synchronized (entry) {
        if (!Objects.equals(entry.token, stale)) {
          return entry.token;
        }
        entry.token = fetch();
        open = entry.token == null;
        return entry.token;
      }
    }

    /** The token, or null when the server has no token endpoint (404): an open server. */
    private String fetch() throws IOException {
      ObjectNode body =
          Json.NODES
              .objectNode()
              .put("keyId", credentials.username().orElseThrow())
              .put("keySecret", credentials.secret());
      CallTag tag = new CallTag(true);
      Request request =
          new Request.Builder()
              .url(tokenUrl)
              .tag(CallTag.class, tag)
              .post(RequestBody.create(Json.bytes(body), JSON))
              .build();
      String what = "POST " + tokenUrl;
      try (Response response = tokenHttp.newCall(request).execute()) {
        ResponseBody responseBody = response.body();
        String text = responseBody == null ? "" : responseBody.string();
        if (response.isRedirect()) {
          throw ConductorClient.redirect(api, what, tokenUrl, response, tag.attempts);
        }
        if (response.code() == 404) {
          log.debug(what + " answered 404: an open server, sending no credentials");
          return null;
        }
        if (!response.isSuccessful()) {
          String hint =
              response.code() == 401 || response.code() == 403
                  ? " (check the key id and secret from "
                      + credentials.source()
                      + "; a server behind HTTP basic auth needs the basic auth mode)"
                  : "";
          ConductorException e =
              ConductorClient.error(what, response.code(), redact(text), tag.attempts);
          throw new ConductorException(
              e.request(),
              e.status(),
              e.serverMessage() + hint,
              e.validationErrors(),
              e.attempts(),
              null);
        }
        JsonNode answer;
        try {
          answer = text.isBlank() ? null : Json.read(text);
        } catch (IOException e) { // reading text fails only on what is not JSON
          answer = null;
        }
        String token = answer == null ? null : answer.path("token").asText(null);
        if (token == null || token.isBlank()) {
          throw new ConductorException(
              what,
              response.code(),
              "the answer has no \"token\" (is this URL a Conductor server?)",
              List.of(),
              null);
        }
        log.debug(
            "Fetched a token for key id '"
                + credentials.username().orElseThrow()
                + "' from "
                + tokenUrl);
        return token;
      }
    }

    @Override
    List<String> secrets() {
      synchronized (entry) {
        return entry.token == null
            ? List.of(credentials.secret())
            : List.of(credentials.secret(), entry.token);
      }
    }
  }
}
