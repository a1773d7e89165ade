package io.idflow.core.model;

import java.nio.file.Path;

/**
 * A problem found in local definitions: where it is (file, definition, JSON path or line and
 * column) and what to do about it.
 *
 * @param severity error (stops the build) or warning
 * @param file the file, or null when the problem is not tied to one
 * @param definition the definition's identity ({@code order_flow v3}), or null
 * @param where a JSON pointer ({@code /tasks/2/name}) or {@code line 3, column 7}, or null
 * @param message what is wrong and how to fix it
 */
public record Problem(
    Severity severity, Path file, String definition, String where, String message) {

  /** How bad a problem is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(Path file, String definition, String where, String message) {
    return new Problem(Severity.ERROR, file, definition, where, message);
  }

  public static Problem warning(Path file, String definition, String where, String message) {
    return new Problem(Severity.WARNING, file, definition, where, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code idflow/workflows/a.json: workflow order_flow v3 at /tasks/1: message}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (file != null) {
      text.append(file);
    }
    if (where != null && !where.isEmpty()) {
      text.append(text.length() > 0 ? " " : "")
          .append(where.startsWith("/") ? "at " + where : where);
    }
    if (definition != null) {
      text.append(text.length() > 0 ? " " : "").append('(').append(definition).append(')');
    }
    return (text.length() > 0 ? text + ": " : "") + message;
  }
}
