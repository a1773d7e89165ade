package io.idflow.core.client;

import java.util.List;
import java.util.Map;

/**
 * The answer to a bulk write: the names the server stored and, per name, why it refused others.
 *
 * @param successful names the server reports as stored, once per definition (a name written in two
 *     versions twice)
 * @param errors name to the server's reason, for definitions it did not store
 * @param answered false when the server answered with an empty body, as servers do that report
 *     nothing per definition: then nothing is confirmed by the answer, and only reading the
 *     definitions back can tell
 */
public record BulkResult(List<String> successful, Map<String, String> errors, boolean answered) {

  public BulkResult {
    successful = List.copyOf(successful);
    errors = Map.copyOf(errors);
  }

  public BulkResult(List<String> successful, Map<String, String> errors) {
    this(successful, errors, true);
  }

  /** An empty answer: the write succeeded as a whole, but no definition is named. */
  public static BulkResult unanswered() {
    return new BulkResult(List.of(), Map.of(), false);
  }
}
