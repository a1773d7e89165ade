package io.idflow.core.model;

/** The two kinds of Conductor definition the plugin manages, and the folder each lives in. */
public enum Kind {
  WORKFLOW("workflow", "workflows"),
  TASK("task", "tasks");

  private final String label;
  private final String folder;

  Kind(String label, String folder) {
    this.label = label;
    this.folder = folder;
  }

  /** Singular word used in messages: {@code workflow} or {@code task}. */
  public String label() {
    return label;
  }

  /** Folder below the definitions directory: {@code workflows} or {@code tasks}. */
  public String folder() {
    return folder;
  }
}
