package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.SecretText;

/**
 * One difference between a remote and a local definition.
 *
 * @param path JSON pointer of the differing value ({@code /tasks/2/inputParameters/url})
 * @param remote the server's value, or null when the server has none
 * @param local the local file's value, or null when the file has none
 */
public record Difference(String path, JsonNode remote, JsonNode local) {
  private static final String SECRET = "\"****\" (secret)";

  /**
   * {@code /retryCount: 3 -> 5}, with {@code (absent)} for a missing side. Where the local value
   * holds a secret ({@link SecretText}) both sides are shown as {@code "****"}.
   */
  @Override
  public String toString() {
    if (SecretText.within(local)) {
      return path + ": " + (remote == null ? "(absent)" : SECRET) + " -> " + SECRET;
    }
    return path + ": " + show(remote) + " -> " + show(local);
  }

  private static String show(JsonNode node) {
    if (node == null) {
      return "(absent)";
    }
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
