package io.idflow.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Mojo log that keeps every line as {@code LEVEL text}, so tests can assert on the output. */
final class RecordingLog extends SystemStreamLog {
  private final List<String> lines = new ArrayList<>();

  static RecordingLog attach(AbstractMojo mojo) {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    return log;
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public void debug(CharSequence content) {
    lines.add("DEBUG " + content);
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
