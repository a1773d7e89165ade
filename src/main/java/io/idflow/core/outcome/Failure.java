package io.idflow.core.outcome;

import io.idflow.core.client.ConductorException;

/**
 * Why a goal failed, and whose fault that is: the user's, who must fix the input (an invalid
 * definition, drift under a fail policy, a request the server refused), or the server's and the
 * network's, when the goal could not do its job (no answer, a 5xx, an answer that was not
 * Conductor's).
 *
 * @param blame whose fault
 * @param message what failed, what was and was not done, and the fix
 * @param cause the exception behind it, or null
 */
public record Failure(Blame blame, String message, Throwable cause) {

  /** Whose fault a failure is. */
  public enum Blame {
    /** The build did its job and found a problem the user must fix. */
    USER,
    /** The build could not do its job: the server, or what stands between the build and it. */
    SERVER
  }

  public static Failure user(String message, Throwable cause) {
    return new Failure(Blame.USER, message, cause);
  }

  public static Failure server(String message, Throwable cause) {
    return new Failure(Blame.SERVER, message, cause);
  }

  /** A failed request: the user's when the server refused it (4xx), else the server's. */
  public static Failure of(String message, ConductorException e) {
    return new Failure(e.isRejection() ? Blame.USER : Blame.SERVER, message, e);
  }
}
