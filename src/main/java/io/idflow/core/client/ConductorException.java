package io.idflow.core.client;

import java.util.List;

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

  public ConductorException(
      String request, int status, String serverMessage, List<ValidationError> validationErrors, Throwable cause) {
    super(describe(request, status, serverMessage, validationErrors), cause);
    this.request = request;
    this.status = status;
    this.serverMessage = serverMessage;
    this.validationErrors = List.copyOf(validationErrors);
  }

  private static String describe(String request, int status, String serverMessage, List<ValidationError> errors) {
    StringBuilder text = new StringBuilder(request);
    text.append(status == 0 ? " failed: " : " answered " + status + ": ").append(serverMessage);
    for (ValidationError e : errors) {
      text.append(System.lineSeparator()).append("  - ").append(e);
    }
    return text.toString();
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

  /** No answer, a server-side failure or rate limiting: the build could not do its job. */
  public boolean isUnavailable() {
    return status == 0 || status == TOO_MANY_REQUESTS || status >= 500;
  }
}
