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
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  private static String describe(List<Problem> errors) {
    StringBuilder text =
        new StringBuilder(
            errors.size() == 1
                ? "1 invalid definition problem"
                : errors.size() + " invalid definition problems");
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
