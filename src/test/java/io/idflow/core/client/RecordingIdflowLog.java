package io.idflow.core.client;

import io.idflow.core.IdflowLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every line as {@code LEVEL text}. */
final class RecordingIdflowLog implements IdflowLog {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void debug(String message) {
    lines.add("DEBUG " + message);
  }

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void error(String message) {
    lines.add("ERROR " + message);
  }
}
