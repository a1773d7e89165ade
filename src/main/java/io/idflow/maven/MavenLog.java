package io.idflow.maven;

import io.idflow.core.IdflowLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts the core's {@link IdflowLog} to a Mojo's {@link Log}. */
final class MavenLog implements IdflowLog {
  private final Log log;

  MavenLog(Log log) {
    this.log = log;
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void error(String message) {
    log.error(message);
  }
}
