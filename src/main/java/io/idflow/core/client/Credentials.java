package io.idflow.core.client;

import io.idflow.core.IdflowException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client authenticates with: a user name (an Orkes key id) and a secret (a password, an
 * Orkes key secret or a token), and where they came from. {@link #toString()} never shows the
 * secret.
 */
public final class Credentials {
  /** The Conductor SDKs' names for an application key and its secret. */
  public static final String KEY_ENV = "CONDUCTOR_AUTH_KEY";

  public static final String SECRET_ENV = "CONDUCTOR_AUTH_SECRET";

  /** A ready-made token, sent as {@code Authorization: Bearer}. */
  public static final String TOKEN_ENV = "CONDUCTOR_AUTH_TOKEN";

  private final String username;
  private final String secret;
  private final String source;

  private Credentials(String username, String secret, String source) {
    this.username = blankToNull(username);
    this.secret = Objects.requireNonNull(blankToNull(secret), "secret");
    this.source = source;
  }

  /** A user name or key id with its password or key secret. */
  public static Credentials of(String username, String secret, String source) {
    return new Credentials(
        Objects.requireNonNull(blankToNull(username), "username"), secret, source);
  }

  /** A secret alone: a token, or a password without a user name. */
  public static Credentials token(String token, String source) {
    return new Credentials(null, token, source);
  }

  /**
   * The environment's credentials: {@value #KEY_ENV} with {@value #SECRET_ENV}, else {@value
   * #TOKEN_ENV}. A key without its secret (or the reverse) is an error, not a silent anonymous call
   * that the server would answer with 401.
   */
  public static Optional<Credentials> fromEnvironment(Map<String, String> env) {
    String key = blankToNull(env.get(KEY_ENV));
    String secret = blankToNull(env.get(SECRET_ENV));
    if (key != null && secret != null) {
      return Optional.of(of(key, secret, "the environment (" + KEY_ENV + ", " + SECRET_ENV + ")"));
    }
    if (key != null || secret != null) {
      throw new IdflowException(
          (key != null
                  ? KEY_ENV + " is set but " + SECRET_ENV
                  : SECRET_ENV + " is set but " + KEY_ENV)
              + " is not: set both, or neither");
    }
    String token = blankToNull(env.get(TOKEN_ENV));
    return token == null
        ? Optional.empty()
        : Optional.of(token(token, "the environment (" + TOKEN_ENV + ")"));
  }

  /** Whether the environment holds any credentials, even incomplete ones. */
  public static boolean presentIn(Map<String, String> env) {
    return blankToNull(env.get(KEY_ENV)) != null
        || blankToNull(env.get(SECRET_ENV)) != null
        || blankToNull(env.get(TOKEN_ENV)) != null;
  }

  /** The user name or key id, empty for a token. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password, key secret or token. Never log it. */
  public String secret() {
    return secret;
  }

  /** Where the credentials came from, for messages: {@code settings.xml server 'prod'}. */
  public String source() {
    return source;
  }

  public boolean hasUsername() {
    return username != null;
  }

  @Override
  public String toString() {
    return "Credentials["
        + (username == null ? "token" : "user " + username)
        + ", secret ****, from "
        + source
        + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
