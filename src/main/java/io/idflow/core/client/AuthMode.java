package io.idflow.core.client;

import io.idflow.core.IdflowException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a client authenticates; {@link #AUTO} picks one from the credentials it has. */
public enum AuthMode {
  /**
   * A user name and secret: {@link #ORKES}; a secret alone: {@link #BEARER}; nothing: {@link
   * #NONE}.
   */
  AUTO,
  /** Sends no credentials. */
  NONE,
  /** {@code Authorization: Bearer <secret>}. */
  BEARER,
  /** {@code Authorization: Basic}, for a server behind a gateway with HTTP basic auth. */
  BASIC,
  /**
   * The Orkes key flow: {@code POST /api/token} with the key id and secret, then {@code
   * X-Authorization: <token>}. A 404 from {@code /api/token} means an open server.
   */
  ORKES;

  /** The mode in force with {@code credentials} (null for none): {@link #AUTO} resolved. */
  public AuthMode with(Credentials credentials) {
    if (this != AUTO) {
      return this;
    }
    return credentials == null ? NONE : credentials.hasUsername() ? ORKES : BEARER;
  }

  public static AuthMode parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IdflowException(
          "Unknown auth mode '"
              + value.trim()
              + "': use one of "
              + Arrays.stream(values())
                  .map(m -> m.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
