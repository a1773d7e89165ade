package io.idflow.core.local;

import io.idflow.core.IdflowException;
import io.idflow.core.model.Problem;
import java.util.List;

/**
 * Local definitions have errors: nothing was sent to the server. Carries every error, not the
 * first.
 */
public class InvalidDefinitionsException extends IdflowException {
  private final List<Problem> errors;

  public InvalidDefinitionsException(List<Problem> errors) {
    this(errors, "invalid definition problem");
  }

  /**
   * @param what the kind of problem, singular: {@code invalid test case problem}
   */
  public InvalidDefinitionsException(List<Problem> errors, String what) {
    super(describe(errors, what));
    this.errors = List.copyOf(errors);
  }

  private static String describe(List<Problem> errors, String what) {
    StringBuilder text =
        new StringBuilder(errors.size() + " " + what + (errors.size() == 1 ? "" : "s"));
    text.append(" (nothing was sent to Conductor):");
    for (Problem p : errors) {
      text.append(System.lineSeparator()).append("  ").append(p);
    }
    return text.toString();
  }

  public List<Problem> errors() {
    return errors;
  }
}
