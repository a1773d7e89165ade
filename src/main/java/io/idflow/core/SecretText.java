package io.idflow.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A string of a local definition that holds a secret placeholder value. It is text like any other
 * for comparing and sending, but whatever shows a difference at its place shows neither side: the
 * server's value there is as secret as the local one, even when this build does not know it.
 */
public final class SecretText extends TextNode {

  public SecretText(String value) {
    super(value);
  }

  /** Whether {@code node} is, or holds, a secret string. */
  public static boolean within(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node instanceof SecretText) {
      return true;
    }
    for (JsonNode child : node) {
      if (within(child)) {
        return true;
      }
    }
    return false;
  }
}
