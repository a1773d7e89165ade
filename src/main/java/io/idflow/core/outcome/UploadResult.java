package io.idflow.core.outcome;

import io.idflow.core.diff.Difference;
import java.util.List;

/**
 * What happened to one definition in an upload.
 *
 * @param name the definition's name
 * @param version the workflow version (0 for task definitions)
 * @param status the outcome
 * @param differences the paths that differ from the server's copy, when it had one
 * @param reason why it failed or was skipped, or null
 */
public record UploadResult(
    String name, int version, Status status, List<Difference> differences, String reason) {

  /** The outcome for one definition. */
  public enum Status {
    /** Written to the server. */
    UPLOADED,
    /** Written to the server, which did not hold it: for goals that tell creates from updates. */
    CREATED,
    /** Written over the server's copy: for goals that tell creates from updates. */
    UPDATED,
    /** The server already holds the same content. */
    UP_TO_DATE,
    /** The server holds other content at the same version, and it was left alone. */
    DRIFTED,
    /** A dry run: it would have been written. */
    WOULD_UPLOAD,
    /** The write failed, or was not attempted because the run failed. */
    FAILED
  }

  public UploadResult {
    differences = List.copyOf(differences);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** Whether the definition was written to the server. */
  public boolean written() {
    return status == Status.UPLOADED || status == Status.CREATED || status == Status.UPDATED;
  }
}
