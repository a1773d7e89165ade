package io.idflow.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps every line the core logs as {@code LEVEL text}, so tests can assert on the output and its
 * levels. Thread-safe: retries and concurrent calls log from other threads.
 */
public final class CollectingLog implements IdflowLog {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  /**
   * The lines a user sees without {@code -X}: {@code INFO text}, {@code WARN text}, {@code ERROR
   * text}.
   */
  public List<String> lines() {
    return withDebug().stream().filter(l -> !l.startsWith("DEBUG ")).toList();
  }

  /** Every line logged so far, {@code DEBUG text} ones too. */
  public List<String> withDebug() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The lines of one level, without the level. */
  public List<String> at(String level) {
    return withDebug().stream()
        .filter(l -> l.startsWith(level + " "))
        .map(l -> l.substring(level.length() + 1))
        .toList();
  }

  /** Forgets what was logged so far. */
  public void clear() {
    lines.clear();
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
