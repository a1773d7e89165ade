package io.idflow.core.plan;

import io.idflow.core.IdflowException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What to do with a definition whose version exists on the server with other content. */
public enum DriftPolicy {
  /** Print the differing paths and leave the server's copy alone. */
  WARN,
  /** Fail the build listing the differing paths; write nothing. */
  FAIL,
  /** Upload the local copy over the server's. */
  OVERWRITE;

  /** Parses {@code warn}, {@code fail} or {@code overwrite}, in any case. */
  public static DriftPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IdflowException(
          "Unknown drift policy '"
              + text
              + "': use one of "
              + Arrays.stream(values())
                  .map(v -> v.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
