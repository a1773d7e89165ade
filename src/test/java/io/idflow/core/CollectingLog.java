package io.idflow.core;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line the core logs as {@code LEVEL text}, so tests can assert on the output and its levels. */
final class CollectingLog implements IdflowLog {
  private final List<String> lines = new ArrayList<>();

  /** Every line logged so far, {@code INFO text}, {@code WARN text} ... (debug lines excluded). */
  List<String> lines() {
    return lines;
  }

  /** The lines of one level, without the level. */
  List<String> at(String level) {
    return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
  }

  @Override
  public void debug(String message) {}

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
