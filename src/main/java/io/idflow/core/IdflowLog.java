package io.idflow.core;

/**
 * The core library's logging port: the Maven adapter maps it to the Mojo's log, tests collect it.
 */
public interface IdflowLog {

  void debug(String message);

  void info(String message);

  void warn(String message);

  void error(String message);

  /** A log that drops everything, for callers of the Java API that do not care. */
  static IdflowLog silent() {
    return new IdflowLog() {
      @Override
      public void debug(String message) {}

      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void error(String message) {}
    };
  }
}
