package io.idflow.core;

/**
 * A problem the user must fix: invalid definitions, an unknown name, drift under a fail policy,
 * missing definitions. The Maven adapter turns it into a build failure, not a build error.
 */
public class IdflowException extends RuntimeException {

  public IdflowException(String message) {
    super(message);
  }

  public IdflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
