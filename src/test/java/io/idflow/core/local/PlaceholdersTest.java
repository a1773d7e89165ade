package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.goal.Validate;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution of {@code @{name}} in definition files: order, escaping, types, errors, masking. */
class PlaceholdersTest {
  @TempDir Path dir;

  private static Placeholders values(Map<String, String> values) {
    return Placeholders.builder("@{", "}").add("the plugin's <placeholders>", values).build();
  }

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }

  private static JsonNode resolve(Placeholders p, String text, List<Placeholders.Found> found)
      throws Exception {
    return p.resolve(json(text), "", found);
  }

  @Test
  void theFirstSourceThatHasANameWinsAndAHiddenValueIsAWarning() throws Exception {
    Placeholders p =
        Placeholders.builder("@{", "}")
            .add("the plugin's <placeholders>", Map.of("host", "prod.example.com"))
            .add("-Didflow.placeholder.{name}", Map.of("host", "dev.example.com", "port", "8443"))
            .add("the placeholder file env.properties", Map.of("port", "1", "path", "/api"))
            .build();
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out = resolve(p, "{\"url\":\"https://@{host}:@{port}@{path}/x\"}", found);
    assertThat(found).isEmpty();
    assertThat(out.get("url").asText()).isEqualTo("https://prod.example.com:8443/api/x");
    assertThat(p.warnings())
        .containsExactly(
            "The placeholder @{host} in -Didflow.placeholder.host is not used: the plugin's"
                + " <placeholders> sets it first",
            "The placeholder @{port} in the placeholder file env.properties is not used:"
                + " -Didflow.placeholder.port sets it first");
  }

  @Test
  void aWholeStringPlaceholderTakesTheValuesJsonTypeWhenItIsANumberOrBoolean() throws Exception {
    Placeholders p =
        values(
            Map.of(
                "retries", "3", "rate", "0.5", "on", "true", "code", "007", "queue", "orders",
                "neg", "-2"));
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out =
        resolve(
            p,
            "{\"retryCount\":\"@{retries}\",\"rate\":\"@{rate}\",\"optional\":\"@{on}\","
                + "\"code\":\"@{code}\",\"queue\":\"@{queue}\",\"label\":\"r@{retries}\","
                + "\"offset\":\"@{neg}\",\"two\":\"@{retries}@{retries}\"}",
            found);
    assertThat(found).isEmpty();
    assertThat(out.get("retryCount").isInt()).isTrue();
    assertThat(out.get("retryCount").intValue()).isEqualTo(3);
    assertThat(out.get("rate").isNumber()).isTrue();
    assertThat(out.get("optional").isBoolean()).isTrue();
    assertThat(out.get("offset").intValue()).isEqualTo(-2);
    // 007 is no JSON number; text around a placeholder, or two of them, keep a string.
    assertThat(out.get("code").isTextual()).isTrue();
    assertThat(out.get("queue").asText()).isEqualTo("orders");
    assertThat(out.get("label").asText()).isEqualTo("r3");
    assertThat(out.get("two").asText()).isEqualTo("33");
  }

  @Test
  void placeholdersResolveAtAnyDepthAndInArraysButNotInNumbers() throws Exception {
    Placeholders p = values(Map.of("q", "orders"));
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out =
        resolve(
            p,
            "{\"tasks\":[{\"inputParameters\":{\"list\":[\"@{q}\",1,null,{\"deep\":\"x-@{q}\"}]}}]}",
            found);
    assertThat(found).isEmpty();
    assertThat(out.at("/tasks/0/inputParameters/list/0").asText()).isEqualTo("orders");
    assertThat(out.at("/tasks/0/inputParameters/list/1").intValue()).isEqualTo(1);
    assertThat(out.at("/tasks/0/inputParameters/list/2").isNull()).isTrue();
    assertThat(out.at("/tasks/0/inputParameters/list/3/deep").asText()).isEqualTo("x-orders");
  }

  @Test
  void conductorsOwnExpressionsAndTheEscapeAreLeftAsText() throws Exception {
    Placeholders p = values(Map.of("x", "1"));
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out =
        resolve(
            p,
            "{\"a\":\"${workflow.input.x}\",\"b\":\"@@{x}\",\"c\":\"${workflow.secrets.@{x}}\","
                + "\"d\":\"mail me@example.com\",\"e\":\"@@@{x}\"}",
            found);
    assertThat(found).isEmpty();
    assertThat(out.get("a").asText()).isEqualTo("${workflow.input.x}");
    assertThat(out.get("b").asText()).isEqualTo("@{x}");
    assertThat(out.get("c").asText()).isEqualTo("${workflow.secrets.1}");
    assertThat(out.get("d").asText()).isEqualTo("mail me@example.com");
    // '@@{' is the escape, then 'x}' is text.
    assertThat(out.get("e").asText()).isEqualTo("@@{x}");
  }

  @Test
  void aValueIsInsertedAsItIsNeverResolvedAgain() throws Exception {
    Placeholders p = values(Map.of("a", "@{b}", "b", "no"));
    List<Placeholders.Found> found = new ArrayList<>();
    assertThat(resolve(p, "{\"v\":\"<@{a}>\"}", found).get("v").asText()).isEqualTo("<@{b}>");
    assertThat(found).isEmpty();
  }

  @Test
  void escapingServerTextReadsBackToTheSameText() throws Exception {
    Placeholders p = values(Map.of("x", "resolved"));
    JsonNode server = json("{\"a\":\"literal @{x} and @@{y}\",\"b\":[\"@{x}\"],\"n\":2}");
    List<Placeholders.Found> found = new ArrayList<>();
    assertThat(p.resolve(p.escape(server), "", found)).isEqualTo(server);
    assertThat(found).isEmpty();
  }

  @Test
  void aMissingValueNamesThePathThePlaceholderTheSourcesAndANearName() throws Exception {
    Placeholders p =
        Placeholders.builder("@{", "}")
            .add("the plugin's <placeholders>", Map.of("hostName", "h"))
            .add("-Didflow.placeholder.{name}", Map.of())
            .build();
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out = resolve(p, "{\"tasks\":[{\"uri\":\"https://@{hostname}/x\"}]}", found);
    assertThat(found)
        .containsExactly(
            new Placeholders.Found(
                "/tasks/0/uri",
                "the placeholder @{hostname} has no value; it is not in the plugin's"
                    + " <placeholders>, -Didflow.placeholder.hostname (did you mean hostName?)"));
    assertThat(out.at("/tasks/0/uri").asText()).isEqualTo("https://@{hostname}/x");
  }

  @Test
  void aMalformedPlaceholderOrOneInAFieldNameIsAnError() throws Exception {
    Placeholders p = values(Map.of("x", "1"));
    List<Placeholders.Found> found = new ArrayList<>();
    resolve(p, "{\"a\":\"@{ x }\",\"b\":\"@{x\",\"@{x}\":1}", found);
    assertThat(found).extracting(Placeholders.Found::path).containsExactly("/a", "/b", "/@{x}");
    assertThat(found.get(0).message())
        .isEqualTo(
            "'@{ x }' is no placeholder: a name is letters, digits, '.', '_' and '-' between '@{'"
                + " and '}'; write '@@{' for the text '@{' itself");
    assertThat(found.get(2).message()).contains("placeholders work in values, not in field names");
  }

  @Test
  void thePrefixAndSuffixAreConfigurableButNeverConductorsOwn() throws Exception {
    Placeholders p = Placeholders.builder("#[", "]").add("map", Map.of("q", "orders")).build();
    List<Placeholders.Found> found = new ArrayList<>();
    JsonNode out = resolve(p, "{\"a\":\"#[q]\",\"b\":\"@{q}\",\"c\":\"##[q]\"}", found);
    assertThat(found).isEmpty();
    assertThat(out.get("a").asText()).isEqualTo("orders");
    assertThat(out.get("b").asText()).isEqualTo("@{q}");
    assertThat(out.get("c").asText()).isEqualTo("#[q]");
    assertThatThrownBy(() -> Placeholders.builder("${", "}"))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("clashes with Conductor's own ${...} expressions");
    assertThatThrownBy(() -> Placeholders.builder("", "}"))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void secretValuesAreMaskedLongestFirstAndNeverDescribed() {
    Map<String, String> plain = new LinkedHashMap<>();
    plain.put("token", "abc");
    plain.put("host", "example.com");
    Placeholders p =
        Placeholders.builder("@{", "}")
            .add("the plugin's <placeholders>", plain)
            .addSecret("<placeholderServers> (settings.xml)", Map.of("password", "abcdef"))
            .secret(List.of("token"))
            .build();
    assertThat(p.secretValues()).containsExactly("abcdef", "abc");
    assertThat(p.mask("pw abcdef, token abc, host example.com"))
        .isEqualTo("pw ****, token ****, host example.com");
    assertThat(p.describe())
        .contains("host = example.com (the plugin's <placeholders>)")
        .contains("password = **** (<placeholderServers> (settings.xml))")
        .contains("token = **** (the plugin's <placeholders>)")
        .doesNotContain("abc");
  }

  @Test
  void aDifferenceWhereTheLocalValueHoldsASecretShowsNeitherSide() throws Exception {
    Placeholders p =
        Placeholders.builder("@{", "}")
            .add("map", Map.of("token", "staging-token", "host", "h"))
            .secret(List.of("token"))
            .build();
    List<Placeholders.Found> found = new ArrayList<>();
    com.fasterxml.jackson.databind.node.ObjectNode local =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            resolve(
                p,
                "{\"name\":\"w\",\"version\":1,\"tasks\":[{\"name\":\"t\","
                    + "\"taskReferenceName\":\"t\",\"type\":\"HTTP\",\"inputParameters\":"
                    + "{\"auth\":\"Bearer @{token}\",\"uri\":\"https://@{host}/\"}}]}",
                found);
    com.fasterxml.jackson.databind.node.ObjectNode remote = local.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) remote.at("/tasks/0/inputParameters"))
        .put("auth", "Bearer prod-token-on-the-server")
        .put("uri", "https://other/");

    List<String> lines =
        io.idflow.core.diff.JsonDiff.definitions(io.idflow.core.model.Kind.WORKFLOW, remote, local)
            .stream()
            .map(Object::toString)
            .toList();

    assertThat(lines)
        .containsExactly(
            "/tasks/0/inputParameters/auth: \"****\" (secret) -> \"****\" (secret)",
            "/tasks/0/inputParameters/uri: \"https://other/\" -> \"https://h/\"");
  }

  @Test
  void theLoaderResolvesNameVersionAndTasksBeforeValidationAndReportsTheDefinition()
      throws Exception {
    Files.createDirectories(dir.resolve("idflow/workflows"));
    Files.writeString(
        dir.resolve("idflow/workflows/flow.json"),
        """
        {"name": "orders_@{env}", "version": "@{version}", "ownerEmail": "a@b.c",
         "tasks": [{"name": "call", "taskReferenceName": "call", "type": "HTTP",
                    "inputParameters": {"http_request": {"uri": "https://@{host}/api",
                                                         "method": "GET"}}}],
         "timeoutSeconds": "@{timeout}"}
        """);
    Placeholders p =
        values(Map.of("env", "prod", "version", "7", "host", "api.example.com", "timeout", "60"));
    LocalDefinitions defs = DefinitionLoader.load(new LocalFiles(dir.resolve("idflow"), p));
    assertThat(defs.problems()).isEmpty();
    LocalDefinition def = defs.workflows().get(0);
    assertThat(def.name()).isEqualTo("orders_prod");
    assertThat(def.version()).isEqualTo(7);
    assertThat(def.json().at("/tasks/0/inputParameters/http_request/uri").asText())
        .isEqualTo("https://api.example.com/api");
    assertThat(def.json().get("timeoutSeconds").intValue()).isEqualTo(60);
    assertThat(Files.readString(dir.resolve("idflow/workflows/flow.json")))
        .contains("@{host}"); // the file is never changed

    List<Problem> errors =
        Validate.run(
                new LocalFiles(dir.resolve("idflow"), values(Map.of("env", "prod"))), null, false)
            .defs()
            .errors();
    assertThat(errors)
        .extracting(Problem::toString)
        .contains(
            "idflow/workflows/flow.json at /version (workflow 'orders_prod'): the placeholder"
                + " @{version} has no value; it is not in the plugin's <placeholders>",
            "idflow/workflows/flow.json at /tasks/0/inputParameters/http_request/uri (workflow"
                + " 'orders_prod'): the placeholder @{host} has no value; it is not in the"
                + " plugin's <placeholders>");
  }
}
