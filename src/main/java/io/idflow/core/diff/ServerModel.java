package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a Conductor server stores of each kind of object in a definition, so that a local file and
 * the server's copy compare equal exactly when they mean the same. One description of
 * conductor-oss's model ({@code conductor-model.json}: the fields of each kind, their defaults,
 * which fields hold nested objects of which kind) plus what this server's own answers show: a field
 * the server returned for some object of a kind is one it stores, even where the description does
 * not list it (Orkes, a newer server).
 *
 * <p>{@link #normalize} walks the whole tree with that description, so an inline sub-workflow is
 * normalised as a workflow and its tasks as tasks, at any depth. A field of a local object that the
 * server does not store (a field of another server's model, a field an SDK writes that the server
 * only reads, an annotation like {@code x-team}) is left out of the comparison: the server drops
 * it, so comparing it would report a difference that no upload can remove. It stays in what is
 * uploaded.
 */
public final class ServerModel {
  private static final String ROOT_WORKFLOW = "workflow";
  private static final String ROOT_TASK = "taskDef";
  private static final String ROOT_EVENT_HANDLER = "eventHandler";
  private static final String ROOT_SCHEDULE = "schedule";
  private static final ServerModel CONDUCTOR_OSS = load("conductor-model.json");

  /** The fields that name an object: kept by {@link #strip} even when they hold the default. */
  private static final Set<String> NAMING_FIELDS =
      Set.of("name", "version", "type", "taskReferenceName");

  /**
   * One field: its default, the kind and shape of the objects it holds, the value the server copies
   * into it.
   */
  private record Field(JsonNode defaultValue, String kind, Shape shape, String from) {}

  /** How a field holds nested objects. */
  private enum Shape {
    NONE,
    OBJECT,
    LIST,
    LISTS,
    CASES
  }

  /** A kind of object: its fields and its audit fields. */
  private record Type(Map<String, Field> fields, Set<String> audit) {}

  private final Map<String, Type> types;
  private final Map<String, Set<String>> learned;

  private ServerModel(Map<String, Type> types, Map<String, Set<String>> learned) {
    this.types = types;
    this.learned = learned;
  }

  /** conductor-oss 3.32.3, as observed. */
  public static ServerModel conductorOss() {
    return CONDUCTOR_OSS;
  }

  /**
   * This model, knowing also every field that {@code remote} (the server's definitions of {@code
   * kind}) holds for each kind of object at any depth.
   */
  public ServerModel learn(Kind kind, Collection<? extends JsonNode> remote) {
    Map<String, Set<String>> more = new HashMap<>();
    learned.forEach((type, fields) -> more.put(type, new HashSet<>(fields)));
    for (JsonNode def : remote) {
      if (def instanceof ObjectNode object) {
        visit(
            root(kind),
            object,
            (type, node) ->
                node.fieldNames()
                    .forEachRemaining(
                        f -> more.computeIfAbsent(type, t -> new HashSet<>()).add(f)));
      }
    }
    return new ServerModel(types, more);
  }

  /**
   * A copy of {@code definition} in the form in which two copies compare equal exactly when they
   * mean the same: no audit fields, no nulls, every field the server would default filled in with
   * that default (so a change from a default shows the value the server really uses), the values
   * the server derives set, and the fields this server does not store left out. The argument is not
   * changed.
   */
  public ObjectNode normalize(Kind kind, ObjectNode definition) {
    ObjectNode copy = definition.deepCopy();
    normalize(root(kind), copy);
    return copy;
  }

  /**
   * A copy of {@code definition} as a person would have written it: no audit fields, no nulls, and
   * no field whose value is the default the server fills in, at any depth, except the fields that
   * name an object ({@code name}, {@code version}, {@code type}, {@code taskReferenceName}). Every
   * other value stays as it is. {@link #normalize} of the result equals {@link #normalize} of the
   * argument, so the copy and the server's compare equal. The argument is not changed.
   */
  public ObjectNode strip(Kind kind, ObjectNode definition) {
    ObjectNode copy = definition.deepCopy();
    strip(root(kind), copy);
    return copy;
  }

  /**
   * Calls {@code visitor} with the kind and node of every object of a known kind in {@code
   * definition}, itself included.
   */
  void forEachObject(Kind kind, ObjectNode definition, BiConsumer<String, ObjectNode> visitor) {
    visit(root(kind), definition, visitor);
  }

  /** The kinds of object the model describes. */
  Set<String> kinds() {
    return types.keySet();
  }

  /**
   * The fields of {@code kind} with the default the server fills in, null for those it leaves
   * absent.
   */
  Map<String, JsonNode> fields(String kind) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    types.get(kind).fields().forEach((name, field) -> out.put(name, field.defaultValue()));
    return out;
  }

  Set<String> audit(String kind) {
    return types.get(kind).audit();
  }

  /**
   * Whether this server stores {@code field} in objects of {@code type}: the model has it, or the
   * server showed it.
   */
  private boolean stores(String type, String field) {
    Type t = types.get(type);
    return t.fields().containsKey(field)
        || t.audit().contains(field)
        || learned.getOrDefault(type, Set.of()).contains(field);
  }

  private void normalize(String type, ObjectNode node) {
    Type t = types.get(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull() || t.audit().contains(e.getKey()) || !stores(type, e.getKey())) {
        it.remove();
      }
    }
    t.fields()
        .forEach(
            (name, field) -> {
              if (field.defaultValue() != null && !node.has(name)) {
                node.set(name, field.defaultValue().deepCopy());
              }
            });
    children(type, node, this::normalize);
    t.fields()
        .forEach(
            (name, field) -> {
              JsonNode derived = field.from() == null ? null : node.at(field.from());
              if (derived != null && !derived.isMissingNode() && !derived.isNull()) {
                node.set(name, derived.deepCopy());
              }
            });
  }

  private void strip(String type, ObjectNode node) {
    children(type, node, this::strip);
    Type t = types.get(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field field = t.fields().get(e.getKey());
      if (e.getValue().isNull()
          || t.audit().contains(e.getKey())
          || (field != null
              && field.defaultValue() != null
              && !NAMING_FIELDS.contains(e.getKey())
              && same(field.defaultValue(), e.getValue()))) {
        it.remove();
      }
    }
  }

  /** Equal JSON values, numbers by value ({@code 0} and {@code 0.0} alike). */
  private static boolean same(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue()) == 0
        : a.equals(b);
  }

  /**
   * Calls {@code visitor} on {@code node} as a {@code type}, then on every nested object of a known
   * kind.
   */
  private void visit(String type, ObjectNode node, BiConsumer<String, ObjectNode> visitor) {
    visitor.accept(type, node);
    children(type, node, (childType, child) -> visit(childType, child, visitor));
  }

  private void children(String type, ObjectNode node, BiConsumer<String, ObjectNode> each) {
    types
        .get(type)
        .fields()
        .forEach(
            (name, field) -> {
              JsonNode value = node.get(name);
              if (value == null || field.shape() == Shape.NONE) {
                return;
              }
              List<JsonNode> objects = new ArrayList<>();
              switch (field.shape()) {
                case OBJECT -> objects.add(value);
                case LIST -> value.forEach(objects::add);
                case LISTS -> value.forEach(list -> list.forEach(objects::add));
                case CASES -> value.forEach(list -> list.forEach(objects::add));
                default -> {}
              }
              for (JsonNode child : objects) {
                if (child instanceof ObjectNode object) {
                  each.accept(field.kind(), object);
                }
              }
            });
  }

  private static String root(Kind kind) {
    return switch (kind) {
      case WORKFLOW -> ROOT_WORKFLOW;
      case TASK -> ROOT_TASK;
      case EVENT_HANDLER -> ROOT_EVENT_HANDLER;
      case SCHEDULE -> ROOT_SCHEDULE;
    };
  }

  private static ServerModel load(String resource) {
    JsonNode description;
    try (InputStream in = ServerModel.class.getResourceAsStream(resource)) {
      description = Json.read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
    Map<String, Type> types = new LinkedHashMap<>();
    description
        .fields()
        .forEachRemaining(
            kind -> {
              if (kind.getKey().startsWith("//")) {
                return;
              }
              Map<String, Field> fields = new LinkedHashMap<>();
              kind.getValue()
                  .path("fields")
                  .fields()
                  .forEachRemaining(f -> fields.put(f.getKey(), field(f.getValue())));
              Set<String> audit = new HashSet<>();
              kind.getValue().path("audit").forEach(a -> audit.add(a.asText()));
              types.put(kind.getKey(), new Type(fields, audit));
            });
    types
        .values()
        .forEach(
            t ->
                t.fields().values().stream()
                    .filter(f -> f.kind() != null && !types.containsKey(f.kind()))
                    .findAny()
                    .ifPresent(
                        f -> {
                          throw new IllegalStateException(
                              resource + " names a kind it does not describe: " + f.kind());
                        }));
    return new ServerModel(Map.copyOf(types), Map.of());
  }

  private static Field field(JsonNode spec) {
    JsonNode defaultValue = spec.get("default");
    for (Shape shape : List.of(Shape.OBJECT, Shape.LIST, Shape.LISTS, Shape.CASES)) {
      String key = shape == Shape.OBJECT ? "type" : shape.name().toLowerCase(java.util.Locale.ROOT);
      if (spec.has(key)) {
        return new Field(
            defaultValue, spec.get(key).asText(), shape, spec.path("from").asText(null));
      }
    }
    return new Field(defaultValue, null, Shape.NONE, spec.path("from").asText(null));
  }
}
