package io.idflow.core.client;

/**
 * One entry of a Conductor 400 response's {@code validationErrors}.
 *
 * @param path the server's path, e.g. {@code upsert.arg0[1].tasks}
 * @param message what the server rejected
 * @param invalidValue the rejected value as the server printed it, or null
 */
public record ValidationError(String path, String message, String invalidValue) {

  @Override
  public String toString() {
    return (path == null || path.isEmpty() ? "" : path + ": ") + message;
  }
}
