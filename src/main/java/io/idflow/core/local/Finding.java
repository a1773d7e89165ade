package io.idflow.core.local;

import io.idflow.core.model.Problem;

/**
 * What one of the server's rules says about a definition, before {@link DefinitionValidator} makes
 * a {@link Problem} of it with the file and the definition's identity.
 *
 * @param error true when the server certainly rejects the definition; false when it may, depending
 *     on what it holds (then a warning)
 * @param where the JSON pointer inside the definition, or "" for the definition as a whole
 * @param message the server's own message, with what the plugin adds to it
 */
record Finding(boolean error, String where, String message) {

  static Finding error(String where, String message) {
    return new Finding(true, where, message);
  }

  static Finding warning(String where, String message) {
    return new Finding(false, where, message);
  }
}
