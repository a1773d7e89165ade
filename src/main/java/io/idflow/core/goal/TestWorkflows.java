package io.idflow.core.goal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.local.TestCases;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.TestOutcome;
import io.idflow.core.outcome.TestOutcome.Result;
import io.idflow.core.outcome.TestOutcome.Status;
import io.idflow.core.plan.Glob;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code test-workflows}: runs the workflow test cases of {@code idflow/tests/} on Conductor's test
 * API, each with the local definition it tests and the worker outputs it mocks, and checks what it
 * expects of the finished execution. Every case is checked offline first; an invalid one stops the
 * run before anything is sent.
 */
public final class TestWorkflows {

  /**
   * Which cases and how.
   *
   * @param selection a name glob of the cases to run; null: all
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(String selection, String ownerEmail, boolean ownerEmailMandatory) {}

  private TestWorkflows() {}

  public static TestOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    TestCases.Loaded loaded = TestCases.load(files, defs);
    loaded.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn(p.toString()));
    if (!loaded.errors().isEmpty()) {
      throw new InvalidDefinitionsException(loaded.errors(), "invalid test case problem");
    }
    Glob glob =
        options.selection() == null || options.selection().isBlank()
            ? null
            : Glob.of(options.selection().trim());
    List<Result> results = new ArrayList<>();
    for (TestCases.TestCase c : loaded.cases()) {
      if (glob == null || glob.matches(c.test())) {
        results.add(run(client, c));
      }
    }
    return new TestOutcome(results, glob == null ? null : glob.text());
  }

  private static Result run(ConductorClient client, TestCases.TestCase c) {
    String workflow =
        c.workflow() != null
            ? c.workflow().id().toString()
            : c.body().path("name").asText() + " v" + c.body().path("version").asInt(1);
    long start = System.nanoTime();
    ObjectNode execution;
    try {
      execution = client.testWorkflow(c.body());
    } catch (ConductorException e) {
      return new Result(
          c.test(),
          workflow,
          c.location(),
          Status.ERROR,
          seconds(start),
          List.of(e.getMessage()),
          List.of());
    }
    double seconds = seconds(start);
    List<String> ran = new ArrayList<>();
    for (JsonNode task : execution.path("tasks")) {
      ran.add(task.path("referenceTaskName").asText() + " " + task.path("status").asText());
    }
    List<String> problems = check(c.expect(), execution);
    return new Result(
        c.test(),
        workflow,
        c.location(),
        problems.isEmpty() ? Status.PASSED : Status.FAILED,
        seconds,
        problems,
        ran);
  }

  /** What of {@code expect} does not hold of {@code execution}, each as expected against actual. */
  static List<String> check(ObjectNode expect, ObjectNode execution) {
    List<String> problems = new ArrayList<>();
    if (expect.has("status")
        && !expect.path("status").asText().equals(execution.path("status").asText())) {
      problems.add(
          "status: expected "
              + expect.path("status").asText()
              + ", was "
              + execution.path("status").asText()
              + reason(execution));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("output").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode actual = execution.path("output").at(e.getKey());
      if (!same(e.getValue(), actual)) {
        problems.add(
            "output "
                + e.getKey()
                + ": expected "
                + e.getValue()
                + ", was "
                + (actual.isMissingNode() ? "(absent)" : actual.toString()));
      }
    }
    List<String> refs = new ArrayList<>();
    execution.path("tasks").forEach(t -> refs.add(t.path("referenceTaskName").asText()));
    int from = 0;
    for (JsonNode want : expect.path("ran")) {
      int at = refs.subList(from, refs.size()).indexOf(want.asText());
      if (at < 0) {
        problems.add(
            "ran: expected "
                + want.asText()
                + (refs.contains(want.asText()) ? " later, in the order given" : " to run")
                + ", ran "
                + (refs.isEmpty() ? "none" : String.join(", ", refs)));
        break;
      }
      from += at + 1;
    }
    for (JsonNode never : expect.path("notRun")) {
      if (refs.contains(never.asText())) {
        problems.add("notRun: " + never.asText() + " ran");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("taskStatus").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String last = null;
      for (JsonNode t : execution.path("tasks")) {
        if (e.getKey().equals(t.path("referenceTaskName").asText())) {
          last = t.path("status").asText();
        }
      }
      if (!e.getValue().asText().equals(last)) {
        problems.add(
            "taskStatus "
                + e.getKey()
                + ": expected "
                + e.getValue().asText()
                + ", was "
                + (last == null ? "not run" : last));
      }
    }
    if (expect.has("reason")) {
      String reason = execution.path("reasonForIncompletion").asText("");
      if (!reason.contains(expect.path("reason").asText())) {
        problems.add(
            "reason: expected it to contain \""
                + expect.path("reason").asText()
                + "\", was "
                + (reason.isEmpty() ? "none" : "\"" + reason + "\""));
      }
    }
    return problems;
  }

  private static String reason(ObjectNode execution) {
    String reason = execution.path("reasonForIncompletion").asText("");
    return reason.isEmpty() ? "" : " (" + reason + ")";
  }

  /** Equal JSON values, numbers by value ({@code 42} and {@code 42.0} alike). */
  private static boolean same(JsonNode expected, JsonNode actual) {
    return expected.isNumber() && actual.isNumber()
        ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
        : expected.equals(actual);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
