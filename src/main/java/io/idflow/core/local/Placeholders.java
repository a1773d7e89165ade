package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.Pointers;
import io.idflow.core.SecretText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Build-time values for definition files: {@code @{name}} in a string value is replaced after the
 * file is read and before anything else sees it, so validation, the diff, the reports and the
 * upload all work on the resolved definition. The files are never changed.
 *
 * <ul>
 *   <li>A value comes from the first source that has it, in the order the sources were added.
 *   <li>{@code @@{name}} is the text {@code @{name}} itself (the prefix's first character doubled).
 *   <li>A string that is exactly one placeholder takes the value's JSON type when the value is a
 *       number, {@code true} or {@code false}: {@code "retryCount": "@{retries}"} with {@code 3}
 *       becomes {@code "retryCount": 3}. Anywhere else the value is text.
 *   <li>Values are inserted as they are: a placeholder in a value is not resolved again.
 *   <li>Conductor's own {@code ${...}} is never touched, so the prefix may not be {@code ${}.
 *   <li>The values of secret placeholders are masked ({@link #mask}) wherever the plugin writes, and
 *       a string that holds one is a {@link SecretText}: a difference there shows neither side. A
 *       secret value is always text.
 * </ul>
 */
public final class Placeholders {
  public static final String DEFAULT_PREFIX = "@{";
  public static final String DEFAULT_SUFFIX = "}";
  private static final String MASK = "****";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Placeholders NONE = builder(DEFAULT_PREFIX, DEFAULT_SUFFIX).build();

  /** A value and where it came from ({@code <placeholders>}, a file...). */
  private record Value(String text, String source, boolean secret) {}

  private final String prefix;
  private final String suffix;
  private final Map<String, Value> values;
  private final List<String> sources;
  private final Map<String, String> unavailable;
  private final List<String> warnings;

  private Placeholders(Builder b) {
    this.prefix = b.prefix;
    this.suffix = b.suffix;
    Map<String, Value> resolved = new LinkedHashMap<>();
    b.values.forEach(
        (name, value) ->
            resolved.put(
                name,
                new Value(value.text, value.source, value.secret || b.secret.contains(name))));
    this.values = Map.copyOf(resolved);
    this.sources = List.copyOf(b.sources);
    this.unavailable = Map.copyOf(b.unavailable);
    this.warnings = List.copyOf(b.warnings);
  }

  /** No values: any placeholder in a file is an error, {@code @@{} is still the escape. */
  public static Placeholders none() {
    return NONE;
  }

  /** Collects values; {@code prefix} and {@code suffix} delimit a placeholder's name. */
  public static Builder builder(String prefix, String suffix) {
    return new Builder(prefix, suffix);
  }

  /**
   * Everything that decides how files resolve, as text for a content key ({@link
   * DefinitionLoader}): secret values included, so it is hashed, never shown.
   */
  List<String> identity() {
    List<String> out = new ArrayList<>(List.of(prefix, suffix));
    new TreeMap<>(values)
        .forEach((name, v) -> out.add(name + "=" + v.text() + " " + v.source() + " " + v.secret()));
    out.addAll(sources);
    new TreeMap<>(unavailable).forEach((name, why) -> out.add(name + " unavailable: " + why));
    out.addAll(warnings);
    return out;
  }

  /** What the sources said that the user should know: values that a stronger source hides. */
  public List<String> warnings() {
    return warnings;
  }

  /** The values that must never be shown, longest first (so that a longer one is masked whole). */
  public List<String> secretValues() {
    return values.values().stream()
        .filter(Value::secret)
        .map(Value::text)
        .filter(t -> !t.isEmpty())
        .distinct()
        .sorted((a, b) -> b.length() - a.length())
        .toList();
  }

  /**
   * One line per value, for {@code -X}: its name, where it came from, and the value unless secret.
   */
  public String describe() {
    if (values.isEmpty()) {
      return "Placeholders: no values (" + syntax() + ")";
    }
    StringBuilder text = new StringBuilder("Placeholders (" + syntax() + "):");
    new java.util.TreeMap<>(values)
        .forEach(
            (name, value) ->
                text.append(System.lineSeparator())
                    .append("  ")
                    .append(name)
                    .append(" = ")
                    .append(value.secret() ? MASK : value.text())
                    .append(" (")
                    .append(value.source().replace("{name}", name))
                    .append(')'));
    return text.toString();
  }

  /** {@code text} with every secret value replaced by {@code ****}. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secretValues()) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** How a placeholder is written, {@code @{name}} unless configured. */
  public String syntax() {
    return prefix + "name" + suffix;
  }

  /** How placeholders begin, {@code @{} unless configured. */
  public String prefix() {
    return prefix;
  }

  /**
   * {@code json} with every placeholder in its string values replaced; each one without a value,
   * and each placeholder in a field name, is added to {@code problems} as a JSON pointer below
   * {@code at} and a message. The input is not changed; without any placeholder it is returned as
   * it is.
   */
  public JsonNode resolve(JsonNode json, String at, List<Found> problems) {
    if (!mentions(json)) {
      return json; // most files have none: no copy
    }
    if (json.isTextual()) {
      return text(json.asText(), at, problems);
    }
    if (json.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(json.size());
      for (int i = 0; i < json.size(); i++) {
        out.add(resolve(json.get(i), at + "/" + i, problems));
      }
      return out;
    }
    if (json.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      json.fields()
          .forEachRemaining(
              field -> {
                String path = at + "/" + Pointers.escape(field.getKey());
                if (field.getKey().contains(prefix)) {
                  problems.add(
                      new Found(
                          path,
                          "the field name '"
                              + field.getKey()
                              + "' holds '"
                              + prefix
                              + "': placeholders work in values, not in field names"));
                }
                out.set(field.getKey(), resolve(field.getValue(), path, problems));
              });
      return out;
    }
    return json;
  }

  /** Whether a string or field name anywhere in {@code json} holds the prefix. */
  private boolean mentions(JsonNode json) {
    if (json.isTextual()) {
      return json.asText().contains(prefix);
    }
    if (json.isObject()) {
      var fields = json.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (field.getKey().contains(prefix) || mentions(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode child : json) {
      if (mentions(child)) {
        return true;
      }
    }
    return false;
  }

  /** A placeholder that could not be resolved: where, and what to do. */
  public record Found(String path, String message) {}

  /**
   * {@code json} with the prefix of every string escaped, so that reading it back gives the same
   * text: for writing what the server holds into a file.
   */
  public JsonNode escape(JsonNode json) {
    if (json.isTextual()) {
      return json.asText().contains(prefix)
          ? TextNode.valueOf(json.asText().replace(prefix, prefix.charAt(0) + prefix))
          : json;
    }
    if (json.isContainerNode()) {
      JsonNode copy = json.deepCopy();
      if (copy.isArray()) {
        for (int i = 0; i < copy.size(); i++) {
          ((ArrayNode) copy).set(i, escape(copy.get(i)));
        }
      } else {
        List<String> keys = new ArrayList<>();
        copy.fieldNames().forEachRemaining(keys::add);
        keys.forEach(k -> ((ObjectNode) copy).set(k, escape(copy.get(k))));
      }
      return copy;
    }
    return json;
  }

  private JsonNode text(String text, String at, List<Found> problems) {
    if (!text.contains(prefix)) {
      return TextNode.valueOf(text);
    }
    if (text.startsWith(prefix) && text.endsWith(suffix)) {
      String name = text.substring(prefix.length(), text.length() - suffix.length());
      Value value = NAME.matcher(name).matches() ? values.get(name) : null;
      if (value != null) {
        JsonNode typed = value.secret() ? null : typed(value.text());
        return typed != null ? typed : node(value.text(), value.secret());
      }
    }
    String escape = prefix.charAt(0) + prefix;
    StringBuilder out = new StringBuilder();
    boolean secret = false;
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith(escape, i)) {
        out.append(prefix);
        i += escape.length();
      } else if (!text.startsWith(prefix, i)) {
        out.append(text.charAt(i++));
      } else {
        int start = i + prefix.length();
        int end = text.indexOf(suffix, start);
        String name = end < 0 ? null : text.substring(start, end);
        if (name == null || !NAME.matcher(name).matches()) {
          problems.add(
              new Found(
                  at,
                  notAPlaceholder(
                      end < 0 ? text.substring(i) : text.substring(i, end + suffix.length()))));
          out.append(prefix);
          i = start;
        } else {
          Value value = values.get(name);
          if (value == null) {
            problems.add(new Found(at, missing(name)));
          }
          out.append(value == null ? prefix + name + suffix : value.text());
          secret |= value != null && value.secret();
          i = end + suffix.length();
        }
      }
    }
    return node(out.toString(), secret);
  }

  private static TextNode node(String text, boolean secret) {
    return secret ? new SecretText(text) : TextNode.valueOf(text);
  }

  private String notAPlaceholder(String text) {
    return "'"
        + text
        + "' is no placeholder: a name is letters, digits, '.', '_' and '-' between '"
        + prefix
        + "' and '"
        + suffix
        + "'; write '"
        + prefix.charAt(0)
        + prefix
        + "' for the text '"
        + prefix
        + "' itself";
  }

  /** The number or boolean that {@code value} spells in JSON, else null (the value stays text). */
  private static JsonNode typed(String value) {
    if (value.isEmpty()
        || !(value.equals("true") || value.equals("false") || looksNumeric(value))) {
      return null;
    }
    try {
      JsonNode node = Json.read(value);
      return node != null && (node.isNumber() || node.isBoolean()) ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean looksNumeric(String value) {
    char c = value.charAt(0);
    return c == '-' || c >= '0' && c <= '9';
  }

  private String missing(String name) {
    String reason = unavailable.get(name);
    StringBuilder text =
        new StringBuilder("the placeholder " + prefix + name + suffix + " has no value");
    if (reason != null) {
      text.append(": ").append(reason);
    }
    text.append(sources.isEmpty() ? "; give it in " : "; it is not in ")
        .append(
            String.join(
                ", ",
                (sources.isEmpty() ? List.of("the plugin's <placeholders>") : sources)
                    .stream().map(s -> s.replace("{name}", name)).toList()));
    Set<String> near = new TreeSet<>();
    for (String known : values.keySet()) {
      String a = known.toLowerCase(java.util.Locale.ROOT);
      String b = name.toLowerCase(java.util.Locale.ROOT);
      if (distance(a, b) <= 2
          || Math.min(a.length(), b.length()) >= 3 && (a.contains(b) || b.contains(a))) {
        near.add(known);
      }
    }
    if (!near.isEmpty()) {
      text.append(" (did you mean ").append(String.join(", ", near)).append("?)");
    }
    return text.toString();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Collects values source by source: the first source that has a name wins. */
  public static final class Builder {
    private final String prefix;
    private final String suffix;
    private final Map<String, Value> values = new LinkedHashMap<>();
    private final List<String> sources = new ArrayList<>();
    private final Set<String> secret = new LinkedHashSet<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private Builder(String prefix, String suffix) {
      if (prefix == null || prefix.isEmpty() || suffix == null || suffix.isEmpty()) {
        throw new IdflowException(
            "The placeholder prefix and suffix must not be empty (default: "
                + DEFAULT_PREFIX
                + "name"
                + DEFAULT_SUFFIX
                + ")");
      }
      if (prefix.startsWith("${") || prefix.equals("$")) {
        throw new IdflowException(
            "The placeholder prefix '"
                + prefix
                + "' clashes with Conductor's own ${...} expressions, which the plugin never"
                + " touches: choose another, such as the default "
                + DEFAULT_PREFIX);
      }
      this.prefix = prefix;
      this.suffix = suffix;
    }

    /**
     * Adds a source: {@code label} names it in messages ({@code {name}} in it stands for the
     * placeholder's name); a name that an earlier source has keeps the earlier value.
     */
    public Builder add(String label, Map<String, String> source) {
      return add(label, source, false);
    }

    /** As {@link #add(String, Map)}, and every value of this source is a secret. */
    public Builder addSecret(String label, Map<String, String> source) {
      return add(label, source, true);
    }

    private Builder add(String label, Map<String, String> source, boolean secrets) {
      sources.add(label);
      source.forEach(
          (name, text) -> {
            if (!NAME.matcher(name).matches()) {
              throw new IdflowException(
                  "The placeholder name '"
                      + name
                      + "' in "
                      + label.replace("{name}", name)
                      + " is not valid: use letters, digits, '.', '_' and '-'");
            }
            Value earlier = values.get(name);
            if (earlier == null) {
              values.put(name, new Value(text == null ? "" : text, label, secrets));
            } else if (!earlier.text().equals(text)) {
              warnings.add(
                  "The placeholder "
                      + prefix
                      + name
                      + suffix
                      + " in "
                      + label.replace("{name}", name)
                      + " is not used: "
                      + earlier.source().replace("{name}", name)
                      + " sets it first");
            }
          });
      return this;
    }

    /** Names whose values are masked wherever the plugin writes, whatever their source. */
    public Builder secret(Collection<String> names) {
      secret.addAll(names);
      return this;
    }

    /** Says why {@code name} has no value (an unset variable...), for its error message. */
    public Builder unavailable(String name, String reason) {
      unavailable.put(name, reason);
      return this;
    }

    public Placeholders build() {
      return new Placeholders(this);
    }
  }
}
