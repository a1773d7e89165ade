package io.idflow.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON configuration the core uses: strict when reading, stable when writing.
 *
 * <p>Trees are read and written with Jackson's streaming parser and generator ({@link #read},
 * {@link #write}): building an {@link ObjectMapper} costs a cold JVM a fifth of a second, more than
 * a goal with nothing to do spends on its own work. {@link #mapper()} is there for binding to
 * classes, and is built on first use.
 */
public final class Json {

  /**
   * Strict reading: a key twice in one object is an error (with {@link #read}, so is anything after
   * the root value), and the parser's location names the source.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  /** The nodes every tree is made of. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * How the plugin writes a definition file: two-space indent, {@code "key": value}, one field or
   * element per line, {@code {}} and {@code []} when empty, {@code \n} line ends on every system.
   */
  static final DefaultPrettyPrinter FILE_PRINTER =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""));

  private Json() {}

  /**
   * An {@link ObjectMapper} that reads as {@link #read} does, for what binds JSON to classes (the
   * constraint checks) or classes to JSON; built on first use.
   */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
  }

  /** A parser of {@code text} with this configuration. */
  public static JsonParser parser(String text) throws IOException {
    return FACTORY.createParser(text);
  }

  /** {@code text} as a tree; see {@link #read(JsonParser)}. */
  public static JsonNode read(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return read(p);
    }
  }

  /** {@code bytes} (UTF-8, or as JSON's encoding detection finds) as a tree. */
  public static JsonNode read(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return read(p);
    }
  }

  /**
   * The one value {@code p} holds, as a tree: numbers keep their exact value, so a fraction is
   * never taken for a whole number, and decimals keep their digits ({@code 100.0} stays {@code
   * 100.0}, never {@code 1E+2}); anything after the value is an error. A missing node when there is
   * no value.
   */
  public static JsonNode read(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      return NODES.missingNode();
    }
    JsonNode root = value(p, first);
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw MismatchedInputException.from(
          p,
          JsonNode.class,
          String.format(
              "Trailing token (of type %s) found after value (bound as `%s`): not allowed as per"
                  + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
              trailing, JsonNode.class.getName()));
    }
    return root;
  }

  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p, t));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw MismatchedInputException.from(
            p, JsonNode.class, "Unexpected token (" + token + ") where a value was expected");
    }
  }

  /** Writes {@code node} with {@code gen}, field order kept. */
  public static void write(JsonGenerator gen, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        gen.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          gen.writeFieldName(field.getKey());
          write(gen, field.getValue());
        }
        gen.writeEndObject();
      }
      case ARRAY -> {
        gen.writeStartArray();
        for (JsonNode element : node) {
          write(gen, element);
        }
        gen.writeEndArray();
      }
      case STRING -> gen.writeString(node.textValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> gen.writeNumber(node.intValue());
          case LONG -> gen.writeNumber(node.longValue());
          case BIG_INTEGER -> gen.writeNumber(node.bigIntegerValue());
          case FLOAT -> gen.writeNumber(node.floatValue());
          case DOUBLE -> gen.writeNumber(node.doubleValue());
          default -> gen.writeNumber(node.decimalValue());
        }
      }
      case BOOLEAN -> gen.writeBoolean(node.booleanValue());
      case NULL, MISSING -> gen.writeNull();
      default -> gen.writeString(node.asText()); // binary and POJO nodes: never in a definition
    }
  }

  /** {@code node} as compact JSON bytes (UTF-8), as the plugin sends it. */
  public static byte[] bytes(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      write(gen, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code value} as the plugin writes it to a file, with a newline at the end. */
  public static String fileText(JsonNode value) {
    StringWriter out = new StringWriter();
    try {
      writeFile(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes {@code value} to {@code out} as {@link #fileText} gives it; {@code out} stays open. */
  public static void writeFile(Writer out, JsonNode value) throws IOException {
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      gen.setPrettyPrinter(FILE_PRINTER.createInstance()); // it counts nesting: one per use
      write(gen, value);
    }
    out.write("\n");
  }

  /**
   * A plain value as a tree: text, numbers, booleans, enums (by name), collections, maps and
   * records of them, and trees as they are; anything else by its {@code toString()}.
   */
  public static JsonNode node(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return NODES.textNode(value.toString());
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof java.math.BigInteger b) {
      return NODES.numberNode(b);
    }
    if (value instanceof java.math.BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (value instanceof Enum<?> e) {
      return NODES.textNode(e.name());
    }
    if (value instanceof Collection<?> c) {
      ArrayNode array = NODES.arrayNode();
      c.forEach(v -> array.add(node(v)));
      return array;
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode object = NODES.objectNode();
      m.forEach((k, v) -> object.set(String.valueOf(k), node(v)));
      return object;
    }
    if (value instanceof Record r) {
      ObjectNode object = NODES.objectNode();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          object.set(c.getName(), node(c.getAccessor().invoke(r)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot read " + c + " of " + r.getClass(), e);
        }
      }
      return object;
    }
    return NODES.textNode(value.toString());
  }
}
