package io.idflow.core.outcome;

import io.idflow.core.report.RunReport;
import java.util.List;

/**
 * A secret or environment value that local workflows read from the server, and whether the server
 * has it.
 *
 * @param secret a secret ({@code workflow.secrets}), else an environment value ({@code
 *     workflow.env})
 * @param name its name
 * @param missing whether the server lacks it
 * @param usedBy each use: {@code order v1 at /tasks/0/inputParameters/key}
 */
public record ValueNeed(boolean secret, String name, boolean missing, List<String> usedBy) {

  public ValueNeed {
    usedBy = List.copyOf(usedBy);
  }

  /**
   * Its report entry: kind {@code secret} or {@code env}, outcome {@code missing} or {@code
   * present}.
   */
  public RunReport.Entry entry(boolean failed) {
    return new RunReport.Entry(
        secret ? "secret" : "env",
        name,
        null,
        missing ? "missing" : "present",
        String.join("\n", usedBy),
        failed);
  }

  /** {@code secret DB_PASS}, {@code env REGION}. */
  public String label() {
    return (secret ? "secret " : "env ") + name;
  }
}
