package io.idflow.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link RunReport} as {@code <goal>.json} and as {@code TEST-idflow-<goal>.xml} (JUnit
 * XML, one testcase per entry) into one directory. Every string is redacted on the way out.
 */
public final class RunReportWriter {

  private RunReportWriter() {}

  /** The two files a report is written to below {@code directory}. */
  public record Written(Path json, Path junit) {}

  /** Writes both files and returns where; an existing report of the same goal is replaced. */
  public static Written write(RunReport report, Path directory) {
    Path json = directory.resolve(report.goal() + ".json");
    Path junit = directory.resolve("TEST-idflow-" + report.goal() + ".xml");
    try {
      Files.createDirectories(directory);
      replace(json, out -> writeJson(report, out));
      replace(junit, out -> writeJUnit(report, out));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the idflow report to " + directory + ": " + e.getMessage(), e);
    }
    return new Written(json, junit);
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes next to the target, then moves: a reader never sees half a report. */
  private static void replace(Path target, Body body) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        body.write(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The JSON form; its shape is fixed by {@link RunReport#SCHEMA_VERSION}. */
  public static void writeJson(RunReport report, OutputStream out) throws IOException {
    List<String> secrets = List.copyOf(report.secrets());
    ObjectNode root = Json.NODES.objectNode();
    root.put("schemaVersion", RunReport.SCHEMA_VERSION);
    root.put("goal", report.goal());
    root.put("conductorUrl", Redaction.url(report.conductorUrl()));
    root.put("startedAt", report.startedAt().toString());
    root.put("durationMillis", report.duration().toMillis());
    root.put("result", lower(report.result()));
    root.put("message", Redaction.text(report.message(), secrets));
    ObjectNode checked = root.putObject("checked");
    for (Map.Entry<String, Object> fact : report.checked().entrySet()) {
      checked.set(fact.getKey(), redacted(Json.node(fact.getValue()).deepCopy(), secrets));
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("entries", report.entries().size());
    summary.put("failed", report.failedEntries());
    ObjectNode outcomes = summary.putObject("outcomes");
    report.outcomes().forEach(outcomes::put);
    ArrayNode entries = root.putArray("entries");
    for (RunReport.Entry e : report.entries()) {
      ObjectNode node = entries.addObject();
      node.put("kind", e.kind());
      node.put("name", Redaction.text(e.name(), secrets));
      if (e.version() == null) {
        node.putNull("version");
      } else {
        node.put("version", e.version());
      }
      node.put("outcome", e.outcome());
      node.put("failed", e.failed());
      node.put("detail", Redaction.text(e.detail(), secrets));
    }
    Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Json.writeFile(text, root);
    text.flush();
  }

  private static JsonNode redacted(JsonNode node, List<String> secrets) {
    if (node.isTextual()) {
      return Json.NODES.textNode(Redaction.text(node.asText(), secrets));
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redacted(array.get(i), secrets));
      }
    } else if (node instanceof ObjectNode object) {
      List<String> keys = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      keys.forEach(k -> object.set(k, redacted(object.get(k), secrets)));
    }
    return node;
  }

  /**
   * The JUnit XML form CI servers read: a testsuite {@code idflow.<goal>}, one testcase per entry
   * ({@code <failure>} when the entry failed, its detail as system-out otherwise), and, when the
   * run itself failed or errored, one more testcase named after the goal that says why.
   */
  public static void writeJUnit(RunReport report, OutputStream out) throws IOException {
    List<String> secrets = List.copyOf(report.secrets());
    boolean runProblem = report.result() != RunReport.Result.SUCCESS && report.message() != null;
    // A run that failed without a failed entry (server down, a rejected request) still shows as a
    // failure.
    boolean runCase =
        runProblem && (report.result() == RunReport.Result.ERROR || report.failedEntries() == 0);
    long failures =
        report.failedEntries() + (runCase && report.result() == RunReport.Result.FAILURE ? 1 : 0);
    long errors = runCase && report.result() == RunReport.Result.ERROR ? 1 : 0;
    String suite = "idflow." + report.goal();
    String seconds = String.format(Locale.ROOT, "%.3f", report.duration().toMillis() / 1000.0);
    try {
      XMLStreamWriter xml =
          XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suite);
      xml.writeAttribute("tests", Long.toString(report.entries().size() + (runCase ? 1 : 0)));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", Long.toString(errors));
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", seconds);
      xml.writeAttribute(
          "timestamp",
          report
              .startedAt()
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              .toString()
              .replace("Z", ""));
      xml.writeCharacters("\n  ");
      xml.writeStartElement("properties");
      property(xml, "schemaVersion", Integer.toString(RunReport.SCHEMA_VERSION));
      property(xml, "conductorUrl", Redaction.url(report.conductorUrl()));
      property(xml, "result", lower(report.result()));
      for (Map.Entry<String, Object> fact : report.checked().entrySet()) {
        property(xml, fact.getKey(), Redaction.text(String.valueOf(fact.getValue()), secrets));
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      for (RunReport.Entry e : report.entries()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite + "." + e.kind());
        xml.writeAttribute("name", clean(Redaction.text(e.id(), secrets)));
        xml.writeAttribute("time", "0");
        String detail = clean(Redaction.text(e.detail(), secrets));
        if (e.failed()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("failure");
          xml.writeAttribute("type", e.outcome());
          xml.writeAttribute(
              "message",
              clean(Redaction.text(e.id(), secrets))
                  + " is "
                  + e.outcome()
                  + (detail == null ? "" : ": " + firstLine(detail)));
          if (detail != null) {
            xml.writeCharacters(detail);
          }
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
        } else if (detail != null) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("system-out");
          xml.writeCharacters(e.outcome() + ": " + detail);
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
      }
      if (runCase) {
        String message = clean(Redaction.text(report.message(), secrets));
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", report.goal());
        xml.writeAttribute("time", seconds);
        xml.writeCharacters("\n    ");
        xml.writeStartElement(report.result() == RunReport.Result.ERROR ? "error" : "failure");
        xml.writeAttribute("message", firstLine(message));
        xml.writeCharacters(message);
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("Cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", clean(name));
    xml.writeAttribute("value", clean(value == null ? "" : value));
  }

  private static String lower(RunReport.Result result) {
    return result.name().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  /** XML 1.0 cannot carry most control characters, even escaped: drop them. */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
