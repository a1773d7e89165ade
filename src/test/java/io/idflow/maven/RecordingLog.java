package io.idflow.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Mojo log that keeps every line as {@code LEVEL text}, so tests can assert on the output. */
final class RecordingLog extends SystemStreamLog {
  private final List<String> lines = new ArrayList<>();
  private final boolean debug;

  private RecordingLog(boolean debug) {
    this.debug = debug;
  }

  /** A log as under {@code -X}: debug lines are kept, and remote goals run the capability probe. */
  static RecordingLog attach(AbstractMojo mojo) {
    RecordingLog log = new RecordingLog(true);
    mojo.setLog(log);
    return log;
  }

  /** A log as without {@code -X}: for tests that count every request a goal sends. */
  static RecordingLog attachWithoutDebug(AbstractMojo mojo) {
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    return log;
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public boolean isDebugEnabled() {
    return debug;
  }

  @Override
  public void debug(CharSequence content) {
    if (debug) {
      lines.add("DEBUG " + content);
    }
  }

  @Override
  public void info(CharSequence content) {
    lines.add("INFO " + content);
  }

  @Override
  public void warn(CharSequence content) {
    lines.add("WARN " + content);
  }

  @Override
  public void error(CharSequence content) {
    lines.add("ERROR " + content);
  }
}
