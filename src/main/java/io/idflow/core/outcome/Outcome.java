package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.report.RunReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a goal did, in one shape for every goal: it prints itself as a user reads it, gives one
 * report entry per definition, adds what it found to the report's facts, and says whether the run
 * failed and whose fault that is. The Maven layer turns the failure into its two kinds of build
 * failure in one place.
 */
public interface Outcome {

  /** Prints the outcome: one line per item that matters, then a summary. */
  void render(IdflowLog log);

  /** One report entry per definition, in a stable order. */
  List<RunReport.Entry> entries();

  /**
   * What the run found, for the report ({@code taskScope}, counts, the backup folder), in a stable
   * order.
   */
  default Map<String, Object> facts() {
    return Map.of();
  }

  /** Why the run failed, or empty when it did its job. */
  Optional<Failure> failure();
}
