package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.logging.Log;

/**
 * Adapts the core's {@link IdflowLog} to a Mojo's {@link Log}. Each line of a message is logged on
 * its own, with its level, and control characters are escaped ({@link Texts#printable}): what a
 * server or a file says can neither start a line that looks like Maven's nor move the cursor.
 */
final class MavenLog implements IdflowLog {
  private final Log log;
  private final UnaryOperator<String> mask;

  MavenLog(Log log) {
    this(log, UnaryOperator.identity());
  }

  /** A log whose every message first goes through {@code mask}, which hides secret values. */
  MavenLog(Log log, UnaryOperator<String> mask) {
    this.log = log;
    this.mask = mask;
  }

  @Override
  public void debug(String message) {
    if (log.isDebugEnabled()) {
      lines(mask.apply(message), log::debug);
    }
  }

  @Override
  public void info(String message) {
    lines(mask.apply(message), log::info);
  }

  @Override
  public void warn(String message) {
    lines(mask.apply(message), log::warn);
  }

  @Override
  public void error(String message) {
    lines(mask.apply(message), log::error);
  }

  private static void lines(String message, Consumer<CharSequence> sink) {
    if (message == null || message.isEmpty()) {
      sink.accept(message == null ? "null" : "");
      return;
    }
    message.lines().forEach(line -> sink.accept(Texts.printable(line)));
  }
}
