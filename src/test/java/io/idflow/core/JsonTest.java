package io.idflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader and writer give exactly what Jackson's data binding gives with the same
 * configuration, on every JSON file of the project and on the edge cases of numbers and errors.
 */
class JsonTest {
  /** How the plugin wrote files through data binding before the streaming writer. */
  private static final ObjectWriter BOUND_FILE_WRITER = Json.mapper().writer(Json.FILE_PRINTER);

  private static List<Path> jsonFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String root : List.of("src/test/resources", "idflow", "src/main/resources")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  private static void sameAsDataBinding(String text) throws IOException {
    sameAsDataBinding(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void sameAsDataBinding(byte[] bytes) throws IOException {
    String shown = new String(bytes, StandardCharsets.UTF_8);
    JsonNode bound;
    try {
      bound = Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      assertThatThrownBy(() -> Json.read(bytes))
          .as(shown)
          .isInstanceOf(JsonProcessingException.class)
          .hasMessage(e.getMessage());
      return;
    }
    JsonNode streamed = Json.read(bytes);
    assertThat(streamed).as(shown).isEqualTo(bound);
    assertThat(Json.bytes(streamed)).isEqualTo(Json.mapper().writeValueAsBytes(bound));
    assertThat(Json.fileText(streamed))
        .isEqualTo(BOUND_FILE_WRITER.writeValueAsString(bound) + "\n");
  }

  @Test
  void everyJsonFileOfTheProjectReadsAndWritesAsDataBindingDoes() throws IOException {
    List<Path> files = jsonFiles();
    assertThat(files).hasSizeGreaterThan(100);
    int errors = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      sameAsDataBinding(bytes);
      try {
        Json.mapper().readTree(bytes);
      } catch (JsonProcessingException e) {
        errors++;
      }
    }
    assertThat(errors).as("bad-input files that fail both ways").isPositive();
  }

  @Test
  void numbersKeepTheirExactValueAndErrorsTheirMessage() throws IOException {
    for (String text :
        List.of(
            "{\"a\": 100.0, \"b\": 1e2, \"c\": 1.50, \"d\": -0.0, \"e\": 0.1}",
            "[2147483647, 2147483648, 9223372036854775807, 9223372036854775808, -1]",
            "[1E+400, 12345678901234567890.123456789]",
            "{\"a\": true, \"b\": false, \"c\": null, \"d\": \"\\u00e9\\n\", \"e\": {}, \"f\": []}",
            "{\"a\": 1, \"a\": 2}",
            "{\"a\": 1} {\"b\": 2}",
            "[1, 2] x",
            "{\"a\": 1,}",
            "{\"a\": NaN}",
            "{\"a\": [1, 2}",
            "  ")) {
      sameAsDataBinding(text);
    }
    assertThat(Json.read("{\"a\": 100.0}").get("a").decimalValue().toPlainString())
        .isEqualTo("100.0");
  }

  @Test
  void plainValuesBecomeTheTreesDataBindingMakes() {
    enum Policy {
      WARN
    }
    record Counts(int workflows, List<String> names, Policy policy) {}
    Map<String, Object> facts =
        new java.util.LinkedHashMap<>(
            Map.of("directory", "idflow", "force", true, "keep", 3, "policy", Policy.WARN));
    facts.put("list", List.of("a", "b"));
    facts.put("none", null);
    facts.put("counts", new Counts(2, List.of("a"), Policy.WARN));
    assertThat(Json.node(facts)).isEqualTo(Json.mapper().valueToTree(facts));
  }
}
