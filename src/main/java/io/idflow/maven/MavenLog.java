package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * Adapts the core's {@link IdflowLog} to a Mojo's {@link Log}. Each line of a message is logged on
 * its own, with its level, and control characters are escaped ({@link Texts#printable}): what a
 * server or a file says can neither start a line that looks like Maven's nor move the cursor.
 */
final class MavenLog implements IdflowLog {
  private final Log log;

  MavenLog(Log log) {
    this.log = log;
  }

  @Override
  public void debug(String message) {
    if (log.isDebugEnabled()) {
      lines(message, log::debug);
    }
  }

  @Override
  public void info(String message) {
    lines(message, log::info);
  }

  @Override
  public void warn(String message) {
    lines(message, log::warn);
  }

  @Override
  public void error(String message) {
    lines(message, log::error);
  }

  private static void lines(String message, Consumer<CharSequence> sink) {
    if (message == null || message.isEmpty()) {
      sink.accept(message == null ? "null" : "");
      return;
    }
    message.lines().forEach(line -> sink.accept(Texts.printable(line)));
  }
}
