package io.idflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One definition read from a local file. The JSON tree is kept exactly as written: it is what gets
 * uploaded, so fields this plugin does not know still reach the server.
 *
 * @param kind workflow or task
 * @param name the definition's {@code name}
 * @param version the workflow version (1 when absent); 0 for task definitions, which have none
 * @param json the definition as read from the file
 * @param file the file it came from
 * @param index its position in the file when the file holds an array, else -1
 */
public record LocalDefinition(
    Kind kind, String name, int version, ObjectNode json, Path file, int index) {

  /**
   * What names it on a server; shown as {@code order_flow v3} for workflows, the name for tasks.
   */
  public DefinitionId id() {
    return DefinitionId.of(kind, name, version);
  }

  /** The file, and the array element when the file holds several definitions. */
  public String location() {
    return index < 0 ? file.toString() : file + " [" + index + "]";
  }

  /** A copy whose JSON tree is {@code json}; the identity stays. */
  public LocalDefinition withJson(ObjectNode newJson) {
    return new LocalDefinition(kind, name, version, newJson, file, index);
  }
}
