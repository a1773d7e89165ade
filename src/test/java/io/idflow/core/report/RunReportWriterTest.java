package io.idflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RunReportWriterTest {

  @TempDir Path dir;

  private static RunReport sample(RunReport.Result result, String message) {
    return RunReport.builder("check-missing")
        .conductorUrl("https://alice:s3cret@conductor.example.com:8443/api?token=abc#x")
        .checked("failOnMissing", true)
        .checked("requiredWorkflows", List.of("payments", "refunds v2"))
        .checked("skipped", null)
        .add(
            new RunReport.Entry(
                "workflow",
                "order_flow",
                3,
                "present",
                "defined in idflow/workflows/order.json",
                false))
        .add(
            new RunReport.Entry(
                "workflow",
                "payments",
                null,
                "missing",
                "listed in idflow.requiredWorkflows",
                true))
        .add(
            new RunReport.Entry(
                "task",
                "fetch_url",
                null,
                "missing",
                "used by order_flow v3 (task ref f)\nsecond line",
                true))
        .finish(result, message);
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  @Test
  void writesJsonWithSchemaVersionCheckedFactsAndEntries() throws Exception {
    RunReportWriter.Written written =
        RunReportWriter.write(sample(RunReport.Result.FAILURE, "Missing workflows: payments"), dir);
    assertThat(written.json()).isEqualTo(dir.resolve("check-missing.json"));

    JsonNode json = Json.mapper().readTree(written.json().toFile());
    assertThat(json.path("schemaVersion").asInt()).isEqualTo(RunReport.SCHEMA_VERSION);
    assertThat(json.path("goal").asText()).isEqualTo("check-missing");
    assertThat(json.path("conductorUrl").asText())
        .isEqualTo("https://conductor.example.com:8443/api");
    assertThat(json.path("result").asText()).isEqualTo("failure");
    assertThat(json.path("message").asText()).isEqualTo("Missing workflows: payments");
    assertThat(json.path("checked").path("failOnMissing").asBoolean()).isTrue();
    assertThat(json.path("checked").path("requiredWorkflows").get(1).asText())
        .isEqualTo("refunds v2");
    assertThat(json.path("checked").has("skipped")).isFalse();
    assertThat(json.path("summary").path("entries").asInt()).isEqualTo(3);
    assertThat(json.path("summary").path("failed").asInt()).isEqualTo(2);
    assertThat(json.path("summary").path("outcomes").path("missing").asInt()).isEqualTo(2);
    JsonNode payments = json.path("entries").get(1);
    assertThat(payments.path("kind").asText()).isEqualTo("workflow");
    assertThat(payments.path("name").asText()).isEqualTo("payments");
    assertThat(payments.path("version").isNull()).isTrue();
    assertThat(payments.path("outcome").asText()).isEqualTo("missing");
    assertThat(payments.path("failed").asBoolean()).isTrue();
    assertThat(json.path("entries").get(0).path("version").asInt()).isEqualTo(3);
  }

  @Test
  void writesJUnitXmlWithOneTestcasePerEntryAndFailuresForFailedOnes() throws Exception {
    RunReportWriter.Written written =
        RunReportWriter.write(sample(RunReport.Result.FAILURE, "Missing workflows: payments"), dir);
    assertThat(written.junit()).isEqualTo(dir.resolve("TEST-idflow-check-missing.xml"));

    Document doc = xml(written.junit());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("idflow.check-missing");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    List<Element> cases = elements(doc, "testcase");
    assertThat(cases)
        .extracting(c -> c.getAttribute("name"))
        .containsExactly("workflow order_flow v3", "workflow payments", "task fetch_url");
    assertThat(cases)
        .extracting(c -> c.getAttribute("classname"))
        .containsExactly(
            "idflow.check-missing.workflow",
            "idflow.check-missing.workflow",
            "idflow.check-missing.task");
    assertThat(cases.get(0).getElementsByTagName("failure").getLength()).isZero();
    assertThat(cases.get(0).getElementsByTagName("system-out").item(0).getTextContent())
        .isEqualTo("present: defined in idflow/workflows/order.json");
    Element failure = (Element) cases.get(2).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("missing");
    assertThat(failure.getAttribute("message"))
        .isEqualTo("task fetch_url is missing: used by order_flow v3 (task ref f)");
    assertThat(failure.getTextContent())
        .isEqualTo("used by order_flow v3 (task ref f)\nsecond line");
    assertThat(elements(doc, "property"))
        .extracting(p -> p.getAttribute("name") + "=" + p.getAttribute("value"))
        .contains(
            "schemaVersion=1",
            "conductorUrl=https://conductor.example.com:8443/api",
            "result=failure",
            "failOnMissing=true");
  }

  @Test
  void runThatErroredWithoutEntriesIsOneErrorTestcase() throws Exception {
    RunReport report =
        RunReport.builder("check-missing")
            .conductorUrl("http://127.0.0.1:1")
            .finish(
                RunReport.Result.ERROR,
                "GET http://127.0.0.1:1/api/metadata/workflow failed: cannot reach Conductor at"
                    + " http://127.0.0.1:1/api");
    RunReportWriter.Written written = RunReportWriter.write(report, dir);

    Document doc = xml(written.junit());
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("1");
    assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    Element error = elements(doc, "error").get(0);
    assertThat(error.getAttribute("message"))
        .contains("cannot reach Conductor at http://127.0.0.1:1/api");
    JsonNode json = Json.mapper().readTree(written.json().toFile());
    assertThat(json.path("result").asText()).isEqualTo("error");
    assertThat(json.path("entries")).isEmpty();
  }

  @Test
  void successfulRunHasNoFailures() throws Exception {
    RunReport report =
        RunReport.builder("diff")
            .add(new RunReport.Entry("workflow", "a", 1, "unchanged", null, false))
            .finish(RunReport.Result.SUCCESS, null);
    Document doc = xml(RunReportWriter.write(report, dir).junit());
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("1");
    assertThat(elements(doc, "system-out")).isEmpty();
  }

  @Test
  void neverWritesUserInfoOrRegisteredSecrets() throws Exception {
    RunReport report =
        RunReport.builder("upload-workflows")
            .conductorUrl("http://bob:hunter2@host:8080")
            .secret("tok-123")
            .checked("note", "sent with X-Authorization tok-123")
            .add(
                new RunReport.Entry(
                    "workflow",
                    "a",
                    1,
                    "failed",
                    "PUT http://bob:hunter2@host:8080/api/metadata/workflow answered 401: bad token"
                        + " tok-123",
                    true))
            .finish(
                RunReport.Result.FAILURE,
                "PUT http://bob:hunter2@host:8080/api/metadata/workflow answered 401 for tok-123");
    RunReportWriter.Written written = RunReportWriter.write(report, dir);
    for (Path file : List.of(written.json(), written.junit())) {
      String text = Files.readString(file);
      assertThat(text).doesNotContain("hunter2", "bob", "tok-123").contains("http://host:8080");
    }
  }

  @Test
  void dropsCharactersXmlCannotCarry() throws Exception {
    RunReport report =
        RunReport.builder("diff")
            .add(
                new RunReport.Entry(
                    "workflow", "a", 1, "update", "/x: \"\u0001\" -> \"<&>\"", true))
            .finish(RunReport.Result.FAILURE, "m");
    Document doc = xml(RunReportWriter.write(report, dir).junit());
    assertThat(elements(doc, "failure").get(0).getTextContent()).isEqualTo("/x: \"\" -> \"<&>\"");
  }

  @Test
  void replacesAnEarlierReportOfTheSameGoal() throws Exception {
    RunReportWriter.write(sample(RunReport.Result.FAILURE, "first"), dir);
    RunReportWriter.write(
        RunReport.builder("check-missing").finish(RunReport.Result.SUCCESS, null), dir);
    assertThat(
            Json.mapper()
                .readTree(dir.resolve("check-missing.json").toFile())
                .path("result")
                .asText())
        .isEqualTo("success");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("TEST-idflow-check-missing.xml", "check-missing.json");
    }
  }
}
