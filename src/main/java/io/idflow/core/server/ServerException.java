package io.idflow.core.server;

/**
 * A Conductor server could not be started or stopped; says whether the user's configuration is to
 * blame.
 */
public class ServerException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean configurationProblem;

  private ServerException(String message, boolean configurationProblem, Throwable cause) {
    super(message, cause);
    this.configurationProblem = configurationProblem;
  }

  /** The user must change something (port, Java, properties) before it can work. */
  public static ServerException configuration(String message) {
    return new ServerException(message, true, null);
  }

  /** The server or the machine failed: the configuration may well be right. */
  public static ServerException failure(String message, Throwable cause) {
    return new ServerException(message, false, cause);
  }

  public boolean isConfigurationProblem() {
    return configurationProblem;
  }
}
