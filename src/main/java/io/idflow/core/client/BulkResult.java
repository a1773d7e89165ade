package io.idflow.core.client;

import java.util.List;
import java.util.Map;

/**
 * The answer to a bulk write: the names the server stored and, per name, why it refused others.
 *
 * @param successful names the server reports as stored
 * @param errors name to the server's reason, for definitions it did not store
 */
public record BulkResult(List<String> successful, Map<String, String> errors) {

  public BulkResult {
    successful = List.copyOf(successful);
    errors = Map.copyOf(errors);
  }
}
