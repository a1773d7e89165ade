package io.idflow.core.client;

import io.idflow.core.Texts;
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
  private final boolean sentence;

  public ConductorException(
      String request,
      int status,
      String serverMessage,
      List<ValidationError> validationErrors,
      Throwable cause) {
    this(request, status, serverMessage, validationErrors, 1, cause);
  }

  /**
   * {@code attempts}: how many times the request was sent; more than one is said in the message.
   */
  public ConductorException(
      String request,
      int status,
      String serverMessage,
      List<ValidationError> validationErrors,
      int attempts,
      Throwable cause) {
    this(request, status, serverMessage, validationErrors, attempts, cause, false);
  }

  /**
   * {@code sentence}: {@code serverMessage} is this client's own words, which go on from {@code
   * "PUT url"} ({@code "answered 301 and redirects to ..."}), not a server's message.
   */
  ConductorException(
      String request,
      int status,
      String serverMessage,
      List<ValidationError> validationErrors,
      int attempts,
      Throwable cause,
      boolean sentence) {
    super(
        describe(
            request, status, Texts.printable(serverMessage), validationErrors, attempts, sentence),
        cause);
    this.request = request;
    this.status = status;
    this.serverMessage = Texts.printable(serverMessage);
    this.validationErrors = List.copyOf(validationErrors);
    this.attempts = Math.max(1, attempts);
    this.sentence = sentence;
  }

  private static String describe(
      String request,
      int status,
      String serverMessage,
      List<ValidationError> errors,
      int attempts,
      boolean sentence) {
    StringBuilder text = new StringBuilder(request);
    text.append(sentence ? " " : status == 0 ? " failed: " : " answered " + status + ": ")
        .append(serverMessage);
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

  /**
   * The server's message, or for an answer that was not Conductor's (a redirect, an HTML page) what
   * it was.
   */
  public String serverMessage() {
    return sentence
        ? serverMessage.replaceFirst("^answered \\d+(, but| and)? ", "")
        : serverMessage;
  }

  public List<ValidationError> validationErrors() {
    return validationErrors;
  }

  /** The server refused the request itself (4xx): retrying the same request cannot help. */
  public boolean isRejection() {
    return status >= 400 && status < 500 && status != TOO_MANY_REQUESTS;
  }

  /**
   * Whether the server may have acted on the request: it answered, or the connection failed only
   * after it was sent (a timeout or reset while waiting for the answer). False when it never got
   * it: the connection was refused, the host unknown, the connect timed out.
   */
  public boolean mayHaveReachedServer() {
    if (status != 0) {
      return true;
    }
    Throwable cause = getCause();
    boolean connectTimeout =
        cause instanceof SocketTimeoutException
            && String.valueOf(cause.getMessage())
                .toLowerCase(Locale.ROOT)
                .contains("connect timed out");
    return !(cause instanceof ConnectException
        || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException
        || connectTimeout);
  }

  /**
   * The build could not do its job: no answer, a server-side failure, rate limiting, a redirect or
   * an answer that was not Conductor's. Everything but a {@linkplain #isRejection() rejection}.
   */
  public boolean isUnavailable() {
    return !isRejection();
  }

  /**
   * No answer of Conductor's came back: the connection failed, something on the way redirected the
   * request, or what answered was not Conductor's API. Unlike a server's error status, this says
   * nothing about the definition: the next request on the same path fails the same way.
   */
  public boolean reachedNoConductor() {
    return status == 0 || status / 100 == 3 || this instanceof UnexpectedAnswer;
  }

  /**
   * A 2xx answer that is not what the endpoint returns: an HTML page, a cut-off body, a list of
   * something else. The request reached something, which may have acted on it.
   */
  public static final class UnexpectedAnswer extends ConductorException {
    UnexpectedAnswer(String request, int status, String message, int attempts) {
      super(request, status, message, List.of(), attempts, null, true);
    }
  }
}
