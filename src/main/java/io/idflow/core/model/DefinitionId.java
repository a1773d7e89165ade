package io.idflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Objects;

/**
 * What names a definition on a server: its kind, its name and, for a workflow, its version. Task
 * definitions and event handlers have no version. Shown as {@code order_flow v3}, or the name
 * alone.
 *
 * @param kind workflow or task definition
 * @param name the definition's {@code name}
 * @param version the workflow's version; null for a task definition
 */
public record DefinitionId(Kind kind, String name, Integer version)
    implements Comparable<DefinitionId> {
  private static final Comparator<DefinitionId> ORDER =
      Comparator.comparing(DefinitionId::kind)
          .thenComparing(DefinitionId::name)
          .thenComparing(DefinitionId::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  public DefinitionId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind.versioned() != (version != null)) {
      throw new IllegalArgumentException(
          "A workflow has a version, task definitions and event handlers none: "
              + kind
              + " "
              + name
              + " "
              + version);
    }
  }

  public static DefinitionId workflow(String name, int version) {
    return new DefinitionId(Kind.WORKFLOW, name, version);
  }

  public static DefinitionId task(String name) {
    return new DefinitionId(Kind.TASK, name, null);
  }

  public static DefinitionId eventHandler(String name) {
    return new DefinitionId(Kind.EVENT_HANDLER, name, null);
  }

  /** The identity of a definition of {@code kind} named {@code name}, at {@code version} if any. */
  public static DefinitionId of(Kind kind, String name, int version) {
    return kind.versioned() ? workflow(name, version) : new DefinitionId(kind, name, null);
  }

  /**
   * The identity of a definition as the server holds it: a workflow without {@code version} is
   * version 1.
   */
  public static DefinitionId of(Kind kind, JsonNode definition) {
    String name = definition.path("name").asText();
    return of(kind, name, definition.path("version").asInt(1));
  }

  @Override
  public int compareTo(DefinitionId other) {
    return ORDER.compare(this, other);
  }

  /** {@code order_flow v3}, or the task definition's name. */
  @Override
  public String toString() {
    return version == null ? name : name + " v" + version;
  }
}
