package io.idflow.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;

/**
 * A successful (2xx) answer, read whole, and the checks that it is what the endpoint returns. A 2xx
 * is trusted only when its body has that shape: a login page, a proxy's error page, a cut-off body
 * or a listing of another API must never pass for an empty or complete one.
 */
final class Answer {
  /** What the answer holds instead of what was expected, for the message. */
  static final class Unexpected extends Exception {
    Unexpected(String found) {
      super(found, null, false, false);
    }
  }

  /** Reads an answer as what an endpoint returns, or says what it holds instead. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Answer answer) throws Unexpected;
  }

  private final MediaType type;
  private final byte[] body;

  Answer(MediaType type, byte[] body) {
    this.type = type;
    this.body = body;
  }

  boolean isEmpty() {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The body as JSON; an HTML page, text that is not JSON, or JSON cut short is {@link Unexpected}.
   */
  JsonNode json() throws Unexpected {
    if (isEmpty()) {
      throw new Unexpected("an empty answer");
    }
    if (isHtml()) {
      throw new Unexpected("an HTML page (" + snippet() + ")");
    }
    try {
      JsonNode root = Json.read(body);
      if (root.isMissingNode()) {
        throw new Unexpected("an empty answer");
      }
      return root;
    } catch (JsonEOFException e) {
      throw new Unexpected(
          "JSON that ends early, after " + body.length + " bytes (was it cut off on the way?)");
    } catch (JsonProcessingException e) {
      throw new Unexpected("a body that is not JSON (" + snippet() + ")");
    } catch (IOException e) {
      throw new Unexpected("a body that cannot be read (" + e.getMessage() + ")");
    }
  }

  /** A list of definitions: each item an object with a {@code name}. */
  List<ObjectNode> definitions() throws Unexpected {
    JsonNode root = json();
    if (!root.isArray()) {
      throw new Unexpected(describe(root));
    }
    List<ObjectNode> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      if (!(item instanceof ObjectNode def)) {
        throw new Unexpected(
            "a list whose item " + i + " is " + describe(item) + ", not a definition");
      }
      if (!def.path("name").isTextual()) {
        throw new Unexpected("a list whose item " + i + " has no \"name\"");
      }
      out.add(def);
    }
    return out;
  }

  /** One object with a {@code name}. */
  ObjectNode definition() throws Unexpected {
    JsonNode root = json();
    if (!(root instanceof ObjectNode def) || !def.path("name").isTextual()) {
      throw new Unexpected(
          root.isObject()
              ? "a JSON object without \"name\" (fields: " + fields(root) + ")"
              : describe(root));
    }
    return def;
  }

  /**
   * The workflow definition {@code name} version {@code version}, and no other: a gateway that
   * answers every path with one page, or a server that ignores the version, is found out here.
   */
  ObjectNode workflow(String name, int version) throws Unexpected {
    ObjectNode def = definition();
    if (!def.path("name").asText().equals(name) || def.path("version").asInt(1) != version) {
      throw new Unexpected(
          "workflow "
              + Texts.printable(def.path("name").asText())
              + " v"
              + def.path("version").asInt(1)
              + " instead of "
              + name
              + " v"
              + version);
    }
    return def;
  }

  /** Any JSON object. */
  ObjectNode object() throws Unexpected {
    JsonNode root = json();
    if (!(root instanceof ObjectNode o)) {
      throw new Unexpected(describe(root));
    }
    return o;
  }

  /** An execution: an object with a {@code status}. */
  ObjectNode execution() throws Unexpected {
    ObjectNode o = object();
    if (!o.path("status").isTextual()) {
      throw new Unexpected("a JSON object without \"status\" (fields: " + fields(o) + ")");
    }
    return o;
  }

  /**
   * Names: a JSON list of strings, a list of objects with a {@code name} (as conductor-oss's {@code
   * /environment} answers, {@code [{"name", "value"}]}), or an object whose keys are the names.
   * Values, which may be secret, are never kept.
   */
  List<String> names() throws Unexpected {
    JsonNode root = json();
    List<String> out = new ArrayList<>();
    if (root.isObject()) {
      root.fieldNames().forEachRemaining(out::add);
      return out;
    }
    if (!root.isArray()) {
      throw new Unexpected(describe(root));
    }
    for (JsonNode item : root) {
      JsonNode name = item.isObject() ? item.get("name") : item;
      if (name == null || !name.isTextual()) {
        throw new Unexpected(
            "a list holding "
                + (item.isObject()
                    ? "an object without \"name\" (fields: " + fields(item) + ")"
                    : describe(item))
                + ", not names");
      }
      out.add(name.asText());
    }
    return out;
  }

  /** A JSON list of ids (strings). */
  List<String> ids() throws Unexpected {
    JsonNode root = json();
    if (!root.isArray()) {
      throw new Unexpected(describe(root));
    }
    List<String> out = new ArrayList<>(root.size());
    for (JsonNode id : root) {
      if (!id.isTextual()) {
        throw new Unexpected("a list holding " + describe(id) + ", not ids");
      }
      out.add(id.asText());
    }
    return out;
  }

  /** A search answer: {@code {"totalHits": n, "results": [executions]}}. */
  List<ObjectNode> searchResults() throws Unexpected {
    JsonNode results = object().path("results");
    if (!results.isArray()) {
      throw new Unexpected("a JSON object without a \"results\" list");
    }
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode r : results) {
      if (!(r instanceof ObjectNode o)) {
        throw new Unexpected("a results list holding " + describe(r));
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Nothing, or JSON: what a write answers. Text that is not JSON (an HTML page) is {@link
   * Unexpected}.
   */
  void nothing() throws Unexpected {
    if (!isEmpty()) {
      json();
    }
  }

  /**
   * The answer to a bulk write: {@code {"bulkSuccessfulResults":[names], "bulkErrorResults":{name:
   * reason}}}. An empty answer, as servers that do not report per definition give, is {@link
   * BulkResult#unanswered()}.
   */
  BulkResult bulk() throws Unexpected {
    if (isEmpty()) {
      return BulkResult.unanswered();
    }
    JsonNode root = json();
    JsonNode ok = root.path("bulkSuccessfulResults");
    JsonNode failed = root.path("bulkErrorResults");
    if (!root.isObject()
        || !ok.isArray()
        || !(failed.isMissingNode() || failed.isNull() || failed.isObject())) {
      throw new Unexpected(
          root.isObject() ? "a JSON object with the fields " + fields(root) : describe(root));
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : ok) {
      if (!n.isTextual()) {
        throw new Unexpected("a bulkSuccessfulResults list holding " + describe(n));
      }
      names.add(n.asText());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = failed.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      errors.put(
          e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return new BulkResult(names, errors);
  }

  /**
   * A workflow id: plain text (or a JSON string) of one word, as {@code POST /workflow/{name}}
   * answers.
   */
  String id() throws Unexpected {
    if (isEmpty()) {
      throw new Unexpected("an empty answer");
    }
    if (isHtml()) {
      throw new Unexpected("an HTML page (" + snippet() + ")");
    }
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.startsWith("\"")) {
      JsonNode node = json();
      text = node.isTextual() ? node.asText() : text;
    }
    if (text.length() > 200 || !text.matches("[\\w.:-]+")) {
      throw new Unexpected("text that is no id (" + snippet() + ")");
    }
    return text;
  }

  /**
   * A server version: plain text of one word ({@code 3.32.3}), as {@code GET /version} answers, a
   * JSON string, or an object with a {@code version}.
   */
  String version() throws Unexpected {
    if (isEmpty()) {
      throw new Unexpected("an empty answer");
    }
    if (isHtml()) {
      throw new Unexpected("an HTML page (" + snippet() + ")");
    }
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.startsWith("\"") || text.startsWith("{")) {
      JsonNode node = json();
      text = node.isTextual() ? node.asText() : node.path("version").asText(text);
    }
    if (text.length() > 100 || !text.matches("[\\w.+-]+")) {
      throw new Unexpected("text that is no version (" + snippet() + ")");
    }
    return text;
  }

  /**
   * Workflow names with their versions, as {@code GET /metadata/workflow/names-and-versions}
   * answers: {@code {"name": [{"name", "version", ...}]}}. Sorted by name, versions ascending.
   */
  Map<String, List<Integer>> namesAndVersions() throws Unexpected {
    ObjectNode root = object();
    Map<String, List<Integer>> out = new java.util.TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray()) {
        throw new Unexpected(
            "an object whose \"" + Texts.printable(e.getKey()) + "\" is " + describe(e.getValue()));
      }
      List<Integer> versions = new ArrayList<>();
      for (JsonNode v : e.getValue()) {
        if (!v.path("version").canConvertToInt()) {
          throw new Unexpected(
              "an object whose \""
                  + Texts.printable(e.getKey())
                  + "\" lists an item without a version");
        }
        versions.add(v.path("version").asInt());
      }
      versions.sort(null);
      out.put(e.getKey(), versions);
    }
    return out;
  }

  private boolean isHtml() {
    if (type != null && type.subtype().toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '<';
      }
    }
    return false;
  }

  /** The start of the body as text, printable and short enough for a message. */
  String snippet() {
    String text =
        new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8)
            .strip()
            .replaceAll("\\s+", " ");
    return Texts.printable(text.length() > 120 ? text.substring(0, 120) + "..." : text);
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "a JSON object (fields: " + fields(node) + ")";
      case ARRAY -> "a JSON list";
      case STRING -> "the string \"" + Texts.printable(Texts.shortened(node.asText(), 60)) + "\"";
      case NULL -> "null";
      default -> "the value " + Texts.shortened(node.asText(), 60);
    };
  }

  private static String fields(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return "none";
    }
    String shown = String.join(", ", names.subList(0, Math.min(names.size(), 8)));
    return Texts.printable(names.size() > 8 ? shown + ", ..." : shown);
  }
}
