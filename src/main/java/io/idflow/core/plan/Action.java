package io.idflow.core.plan;

/** What a plan does with one definition. */
public enum Action {
  /** Not on the server: create it. */
  CREATE,
  /** On the server with other content (or forced): write the local copy. */
  UPDATE,
  /** On the server with the same content: nothing to do. */
  UNCHANGED,
  /** On the server at the same version with other content, and the policy says not to write it. */
  DRIFT,
  /**
   * A task definition only the server holds, in the project's scope, that nothing uses: delete it.
   */
  DELETE,
  /**
   * A task definition only the server holds, in the project's scope, that a workflow uses: keep it.
   */
  KEEP_IN_USE;

  /** Whether applying the plan writes the definition to the server. */
  public boolean writes() {
    return this == CREATE || this == UPDATE;
  }
}
