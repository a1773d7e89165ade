package io.idflow.core.model;

/**
 * The kinds of Conductor definition the plugin manages, in the order listings show them, and the
 * folder each lives in. They depend on each other the other way round: a workflow uses task
 * definitions, an event handler starts workflows.
 */
public enum Kind {
  WORKFLOW("workflow", "workflows", true),
  TASK("task", "tasks", false),
  EVENT_HANDLER("event handler", "events", false),
  SCHEDULE("schedule", "schedules", false);

  private final String label;
  private final String folder;
  private final boolean versioned;

  Kind(String label, String folder, boolean versioned) {
    this.label = label;
    this.folder = folder;
    this.versioned = versioned;
  }

  /** Singular words used in messages: {@code workflow}, {@code task}, {@code event handler}. */
  public String label() {
    return label;
  }

  /**
   * Folder below the definitions directory: {@code workflows}, {@code tasks}, {@code events} or
   * {@code schedules}.
   */
  public String folder() {
    return folder;
  }

  /** Whether definitions of this kind have versions (workflows); the others are named only. */
  public boolean versioned() {
    return versioned;
  }
}
