package io.idflow.core.outcome;

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

  /** {@code secret DB_PASS}, {@code env REGION}. */
  public String label() {
    return (secret ? "secret " : "env ") + name;
  }
}
