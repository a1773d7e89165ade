package io.idflow.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * One way of bringing a server in line with {@code idflow/}: task definitions first, then
 * workflows.
 */
interface Approach {

  /**
   * Runs once against the definitions in {@code idflow}. Returns null when the caller's measurement
   * of the whole run is the result, or an estimate when the approach measured only a sample and
   * extrapolated.
   *
   * @param changed the names changed since the last run (measured in full by sampling approaches)
   */
  Estimate run(Path idflow, Set<String> changed) throws Exception;

  /** An extrapolated measurement, with the words that say how it was made. */
  record Estimate(
      long wallNanos, long requests, long requestBytes, long responseBytes, String how) {}
}
