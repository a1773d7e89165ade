package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import io.idflow.core.report.RunReport;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code validate}: every problem of every file, warnings and errors.
 *
 * @param defs what was read, with every problem found
 */
public record ValidateOutcome(LocalDefinitions defs) implements Outcome {

  @Override
  public void render(IdflowLog log) {
    defs.warnings().forEach(p -> log.warn(p.toString()));
    defs.errors().forEach(p -> log.error(p.toString()));
    if (!defs.hasErrors()) {
      log.info(
          "Validated "
              + plural(defs.workflows().size(), "workflow")
              + (defs.eventHandlers().isEmpty() ? " and " : ", ")
              + plural(defs.tasks().size(), "task definition")
              + (defs.eventHandlers().isEmpty()
                  ? ""
                  : " and " + plural(defs.eventHandlers().size(), "event handler"))
              + " in "
              + plural(defs.allFiles(), "file")
              + ": no errors"
              + (defs.warnings().isEmpty()
                  ? ""
                  : ", " + plural(defs.warnings().size(), "warning")));
    }
  }

  /**
   * Validation writes no report: nothing is sent, nothing per definition to tell but its problems.
   */
  @Override
  public List<RunReport.Entry> entries() {
    return List.of();
  }

  @Override
  public Optional<Failure> failure() {
    List<Problem> errors = defs.errors();
    return errors.isEmpty()
        ? Optional.empty()
        : Optional.of(Failure.user(new InvalidDefinitionsException(errors).getMessage(), null));
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
