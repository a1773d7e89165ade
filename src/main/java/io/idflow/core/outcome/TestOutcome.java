package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code test-workflows}: one result per case, passed, failed (an expectation did
 * not hold) or in error (Conductor could not run it).
 *
 * @param results one per case run, in file order
 * @param selection the cases selected ({@code idflow.test}), or null for all
 */
public record TestOutcome(List<Result> results, String selection) implements Outcome {

  public TestOutcome {
    results = List.copyOf(results);
  }

  /** How a case ended. */
  public enum Status {
    PASSED,
    FAILED,
    ERROR
  }

  /**
   * One case.
   *
   * @param test its name
   * @param workflow {@code order_flow v2}
   * @param location where the case is written
   * @param status how it ended
   * @param seconds how long the server took
   * @param problems what did not hold (FAILED), or why the server could not run it (ERROR)
   * @param ran the task references that ran, in order, each with its status
   */
  public record Result(
      String test,
      String workflow,
      String location,
      Status status,
      double seconds,
      List<String> problems,
      List<String> ran) {

    public Result {
      problems = List.copyOf(problems);
      ran = List.copyOf(ran);
    }
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  @Override
  public void render(IdflowLog log) {
    if (results.isEmpty()) {
      log.info(
          "No workflow tests to run"
              + (selection == null ? "" : " (none matches idflow.test=" + selection + ")"));
      return;
    }
    for (Result r : results) {
      String line =
          r.test() + " (" + r.workflow() + ") " + String.format(Locale.ROOT, "%.1f s", r.seconds());
      switch (r.status()) {
        case PASSED -> log.info("✓ " + line);
        case FAILED -> {
          log.error("✗ " + line + " in " + r.location());
          r.problems().forEach(p -> log.error("    " + p));
          log.error("    tasks run: " + (r.ran().isEmpty() ? "none" : String.join(", ", r.ran())));
        }
        case ERROR -> {
          log.error("! " + line + " in " + r.location() + ": Conductor could not run it");
          r.problems().forEach(p -> log.error("    " + p));
        }
      }
    }
    log.info("");
    String summary = summary();
    if (count(Status.PASSED) == results.size()) {
      log.info(summary);
    } else {
      log.error(summary);
    }
  }

  /** {@code Tests: 3 run, 2 passed, 1 failed, 0 errors}. */
  public String summary() {
    return "Tests: "
        + results.size()
        + " run, "
        + count(Status.PASSED)
        + " passed, "
        + count(Status.FAILED)
        + " failed, "
        + count(Status.ERROR)
        + " error"
        + (count(Status.ERROR) == 1 ? "" : "s");
  }

  /** Outcomes: {@code passed}, {@code failed}, {@code error}; the last two fail the run. */
  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> out = new ArrayList<>();
    for (Result r : results) {
      List<String> detail = new ArrayList<>();
      detail.add(
          r.workflow()
              + " in "
              + r.location()
              + String.format(Locale.ROOT, ", %.1f s", r.seconds()));
      detail.addAll(r.problems());
      if (r.status() != Status.ERROR) {
        detail.add("tasks run: " + (r.ran().isEmpty() ? "none" : String.join(", ", r.ran())));
      }
      out.add(
          new RunReport.Entry(
              "test",
              r.test(),
              null,
              r.status().name().toLowerCase(Locale.ROOT),
              String.join("\n", detail),
              r.status() != Status.PASSED));
    }
    return out;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("selection", selection);
    facts.put("passed", count(Status.PASSED));
    return facts;
  }

  /** Any failed case or error fails the run: the definitions are wrong, or the cases are. */
  @Override
  public Optional<Failure> failure() {
    if (count(Status.PASSED) == results.size()) {
      return Optional.empty();
    }
    List<String> names =
        results.stream().filter(r -> r.status() != Status.PASSED).map(Result::test).toList();
    return Optional.of(
        Failure.user(summary() + ": " + String.join(", ", names) + " (listed above)", null));
  }
}
