package io.idflow.core.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * A failed call to Conductor, with the HTTP status (0 when no response came), the server's own
 * message and its {@code validationErrors}. Status handling lives in {@link ConductorClient} alone.
 */
public class ConductorException extends RuntimeException {
  private static final int TOO_MANY_REQUESTS = 429;
  private final String request;
  private final int status;
  private final String serverMessage;
  private final List<ValidationError> validationErrors;
  private final int attempts;

  public ConductorException(
      String request, int status, String serverMessage, List<ValidationError> validationErrors, Throwable cause) {
    this(request, status, serverMessage, validationErrors, 1, cause);
  }

  /** {@code attempts}: how many times the request was sent; more than one is said in the message. */
  public ConductorException(String request, int status, String serverMessage, List<ValidationError> validationErrors,
      int attempts, Throwable cause) {
    super(describe(request, status, serverMessage, validationErrors, attempts), cause);
    this.request = request;
    this.status = status;
    this.serverMessage = serverMessage;
    this.validationErrors = List.copyOf(validationErrors);
    this.attempts = Math.max(1, attempts);
  }

  private static String describe(String request, int status, String serverMessage, List<ValidationError> errors, int attempts) {
    StringBuilder text = new StringBuilder(request);
    text.append(status == 0 ? " failed: " : " answered " + status + ": ").append(serverMessage);
    if (attempts > 1) {
      text.append(" (gave up after ").append(attempts).append(" attempts)");
    }
    for (ValidationError e : errors) {
      text.append(System.lineSeparator()).append("  - ").append(e);
    }
    return text.toString();
  }

  /** How many times the request was sent: more than 1 when it was retried. */
  public int attempts() {
    return attempts;
  }

  /** The request, as {@code PUT http://host/api/metadata/workflow}. */
  public String request() {
    return request;
  }

  /** The HTTP status, or 0 when the server could not be reached or did not answer. */
  public int status() {
    return status;
  }

  public String serverMessage() {
    return serverMessage;
  }

  public List<ValidationError> validationErrors() {
    return validationErrors;
  }

  /** The server refused the request itself (4xx): retrying the same request cannot help. */
  public boolean isRejection() {
    return status >= 400 && status < 500 && status != TOO_MANY_REQUESTS;
  }

  /**
   * Whether the server may have acted on the request: it answered, or the connection failed only after
   * it was sent (a timeout or reset while waiting for the answer). False when it never got it: the
   * connection was refused, the host unknown, the connect timed out.
   */
  public boolean mayHaveReachedServer() {
    if (status != 0) {
      return true;
    }
    Throwable cause = getCause();
    boolean connectTimeout = cause instanceof SocketTimeoutException
        && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
    return !(cause instanceof ConnectException || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException || connectTimeout);
  }

  /** No answer, a server-side failure or rate limiting: the build could not do its job. */
  public boolean isUnavailable() {
    return status == 0 || status == TOO_MANY_REQUESTS || status >= 500;
  }
}
