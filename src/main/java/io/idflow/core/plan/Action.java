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
  /** Only on the server: delete it. */
  DELETE
}
