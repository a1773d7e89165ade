package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.report.RunReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code export}: each selected definition of the server, written to a new file,
 * written over its local copy ({@code force}), or skipped with the reason.
 *
 * @param items one per selected definition, workflows first, each kind by name and version
 * @param dryRun whether nothing was written
 * @param selection how the definitions were selected, for the report
 */
public record ExportOutcome(List<Item> items, boolean dryRun, String selection) implements Outcome {

  public ExportOutcome {
    items = List.copyOf(items);
  }

  /** What became of one definition. */
  public enum Action {
    /** Written to a new file. */
    WRITE,
    /** Written over its local copy, in the file that holds it ({@code force}). */
    REPLACE,
    /** Left alone: a local file defines it. */
    SKIP
  }

  /**
   * One definition of the server.
   *
   * @param id the definition
   * @param action what became of it
   * @param file the file written, or the local file that defines it
   * @param reason why it was skipped, else null
   */
  public record Item(DefinitionId id, Action action, Path file, String reason) {}

  public long count(Action action) {
    return items.stream().filter(i -> i.action() == action).count();
  }

  @Override
  public void render(IdflowLog log) {
    for (Item item : items) {
      String what = item.id().kind().label() + " " + item.id();
      String file = Texts.path(item.file());
      switch (item.action()) {
        case WRITE -> log.info((dryRun ? "Would export " : "✓ Exported ") + what + " to " + file);
        case REPLACE ->
            log.info((dryRun ? "Would replace " : "✓ Replaced ") + what + " in " + file);
        case SKIP -> log.info("Skipped " + what + ": " + item.reason());
      }
    }
    log.info("");
    log.info(summary());
  }

  /**
   * {@code Summary: exported 3 workflows and 2 task definitions, 1 skipped}, or what a dry run
   * would do.
   */
  public String summary() {
    long written = count(Action.WRITE) + count(Action.REPLACE);
    long workflows =
        items.stream()
            .filter(i -> i.action() != Action.SKIP && i.id().kind() == Kind.WORKFLOW)
            .count();
    String what =
        plural(workflows, "workflow") + " and " + plural(written - workflows, "task definition");
    String skipped = count(Action.SKIP) > 0 ? ", " + count(Action.SKIP) + " skipped" : "";
    if (items.isEmpty()) {
      return "Summary: nothing to export (" + selection + ")";
    }
    return dryRun
        ? "Summary: dry run, nothing was written; would export " + what + skipped
        : "Summary: exported " + what + skipped;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("selection", selection);
    facts.put("dryRun", dryRun);
    return facts;
  }

  /**
   * Outcomes: {@code exported}, {@code replaced}, {@code skipped}; with a dry run, {@code
   * would-export}, {@code would-replace}.
   */
  @Override
  public List<RunReport.Entry> entries() {
    return items.stream()
        .map(
            i ->
                new RunReport.Entry(
                    i.id().kind().label(),
                    i.id().name(),
                    i.id().version(),
                    outcome(i.action()),
                    i.action() == Action.SKIP ? i.reason() : Texts.path(i.file()),
                    false))
        .toList();
  }

  private String outcome(Action action) {
    return switch (action) {
      case WRITE -> dryRun ? "would-export" : "exported";
      case REPLACE -> dryRun ? "would-replace" : "replaced";
      case SKIP -> "skipped";
    };
  }

  /** An export writes files only: nothing it finds fails the run. */
  @Override
  public Optional<Failure> failure() {
    return Optional.empty();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
