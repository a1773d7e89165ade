package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DeletionScope;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.PurgeScope;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What would change in Conductor to match the local definitions, as the plan every goal reads:
 * workflows and task definitions to create or update, the project's task definitions only Conductor
 * has that {@code purge-orphans} would delete, and those it keeps because a workflow uses them. A
 * dry run of every writing goal at once.
 *
 * @param plan the plan: every local definition (workflows first, then tasks), then the deletions
 *     and kept ones
 * @param scopeProblem why there is no task scope (shown instead of deletions), or null
 * @param failOnDiff whether any change, or a missing secret or environment value, fails the run
 * @param values the secrets and environment values local workflows read, checked on the server
 * @param unchecked one line per kind of value the server could not be asked about
 */
public record DiffOutcome(
    Plan plan,
    String scopeProblem,
    boolean failOnDiff,
    List<ValueNeed> values,
    List<String> unchecked)
    implements Outcome {

  public DiffOutcome {
    values = List.copyOf(values);
    unchecked = List.copyOf(unchecked);
  }

  /** A diff without secrets and environment values checked. */
  public DiffOutcome(Plan plan, String scopeProblem, boolean failOnDiff) {
    this(plan, scopeProblem, failOnDiff, List.of(), List.of());
  }

  /** The secrets and environment values the server lacks; the plugin cannot create them. */
  public List<ValueNeed> missingValues() {
    return values.stream().filter(ValueNeed::missing).toList();
  }

  public List<PlanItem> items() {
    return plan.items();
  }

  public Optional<PurgeScope> scope() {
    return plan.deletions().map(DeletionScope::scope);
  }

  @Override
  public Optional<Failure> failure() {
    if (!failOnDiff || !changes() && missingValues().isEmpty()) {
      return Optional.empty();
    }
    // The plan is printed just above: the failure says so instead of repeating it.
    return Optional.of(
        Failure.user(
            "Conductor differs from the local definitions (idflow.failOnDiff=true): "
                + summary().substring("Plan: ".length())
                + ", listed above"
                + System.lineSeparator()
                + (changes() ? fixHint() : "")
                + (missingValues().isEmpty()
                    ? ""
                    : (changes() ? System.lineSeparator() : "")
                        + "Create the missing secrets and environment values on the server:"
                        + " the plugin never writes them"),
            null));
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("taskScope", scope().map(PurgeScope::describe).orElse(null));
    facts.put("plan", counts());
    return facts;
  }

  public long count(Action action) {
    return plan.count(action);
  }

  /** Whether applying the plan would change anything in Conductor. */
  public boolean changes() {
    return items().stream()
        .anyMatch(i -> i.action() != Action.UNCHANGED && i.action() != Action.KEEP_IN_USE);
  }

  /**
   * {@code Plan: 2 to create, 1 to update, 14 unchanged}, with {@code n to delete} when there are
   * deletions and {@code n kept in use} when the project has remote-only task definitions that
   * workflows use.
   */
  public String summary() {
    long delete = count(Action.DELETE);
    long kept = count(Action.KEEP_IN_USE);
    return "Plan: "
        + count(Action.CREATE)
        + " to create, "
        + count(Action.UPDATE)
        + " to update, "
        + (delete > 0 ? delete + " to delete, " : "")
        + count(Action.UNCHANGED)
        + " unchanged"
        + (kept > 0 ? ", " + kept + " kept in use" : "")
        + (missingValues().isEmpty()
            ? ""
            : "; "
                + missingValues().size()
                + " secret or environment value"
                + (missingValues().size() == 1 ? "" : "s")
                + " missing");
  }

  /** The lines a user reads, one per change, each changed path below its definition. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (PlanItem item : items()) {
      String what = kind(item) + " " + id(item);
      switch (item.action()) {
        case CREATE -> out.add("+ " + what + " (not in Conductor)");
        case UPDATE, DRIFT -> {
          out.add("~ " + what);
          item.differences().forEach(d -> out.add("    " + d));
        }
        case DELETE -> out.add("- " + what + " (only in Conductor)");
        case KEEP_IN_USE ->
            out.add(
                "= "
                    + what
                    + " (only in Conductor; kept: used by "
                    + item.usages().get(0).describe()
                    + (item.usages().size() > 1
                        ? " and " + (item.usages().size() - 1) + " more"
                        : "")
                    + ")");
        case UNCHANGED -> {}
      }
    }
    return out;
  }

  /** The goals that would apply the changes, for the message of a failed gate. */
  public String fixHint() {
    List<String> steps = new ArrayList<>();
    List<PlanItem> items = items();
    if (items.stream()
        .anyMatch(
            i ->
                i.local() != null
                    && i.local().kind() == Kind.WORKFLOW
                    && i.action() != Action.UNCHANGED)) {
      steps.add(
          "'mvn idflow:upload-workflows'"
              + (items.stream()
                      .anyMatch(
                          i ->
                              i.local() != null
                                  && i.local().kind() == Kind.WORKFLOW
                                  && i.action() == Action.UPDATE)
                  ? " (-Didflow.onDrift=overwrite for changed versions, or bump them)"
                  : ""));
    }
    if (items.stream()
        .anyMatch(
            i ->
                i.local() != null
                    && i.local().kind() == Kind.TASK
                    && i.action() != Action.UNCHANGED)) {
      steps.add("'mvn idflow:sync-tasks'");
    }
    if (items.stream()
        .anyMatch(
            i ->
                i.local() != null
                    && i.local().kind() == Kind.EVENT_HANDLER
                    && i.action() != Action.UNCHANGED)) {
      steps.add("'mvn idflow:sync-event-handlers'");
    }
    if (items.stream()
        .anyMatch(
            i ->
                i.local() != null
                    && i.local().kind() == Kind.SCHEDULE
                    && i.action() != Action.UNCHANGED)) {
      steps.add("'mvn idflow:sync-schedules'");
    }
    if (count(Action.DELETE) > 0) {
      steps.add("'mvn idflow:purge-orphans'");
    }
    return "Run " + String.join(", ", steps) + " to bring Conductor in line";
  }

  /** Prints the plan: changes, where the task scope came from, and the summary last. */
  @Override
  public void render(IdflowLog log) {
    for (PlanItem item : items()) {
      if (item.action() == Action.UNCHANGED) {
        log.debug("  " + kind(item) + " " + id(item) + " (unchanged)");
      }
    }
    lines().forEach(log::info);
    if (scope().isPresent()) {
      log.debug(
          "Task definitions only in Conductor are listed within the project's scope: "
              + scope().get().describe());
      if (plan.blockedByRunTimeChoices()) {
        log.warn(
            "Some workflows pick their tasks at run time ("
                + String.join(
                    ", ",
                    plan.deletions().get().chosenAtRunTime().stream()
                        .map(u -> u.workflow() + " v" + u.version())
                        .distinct()
                        .toList())
                + "): purge-orphans deletes none of the task"
                + " definitions above without idflow.purge.excludes or idflow.force");
      }
    } else {
      log.info("Task definitions only in Conductor are not listed: " + scopeProblem);
    }
    if (!missingValues().isEmpty()) {
      log.warn("Missing on the server (the plugin never creates these):");
      for (ValueNeed v : missingValues()) {
        log.warn("! " + v.label() + ", read by " + String.join("; ", v.usedBy()));
      }
    }
    unchecked.forEach(log::info);
    log.info("");
    log.info(summary());
  }

  /**
   * One report entry per plan item. Outcomes: {@code create}, {@code update}, {@code delete},
   * {@code keep-in-use}, {@code unchanged}; with {@code failOnDiff} every change is a failed test.
   */
  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> out = new ArrayList<>();
    for (PlanItem item : items()) {
      Action action = item.action() == Action.DRIFT ? Action.UPDATE : item.action();
      String detail =
          switch (action) {
            case CREATE ->
                "not in Conductor"
                    + (item.local() == null ? "" : "; defined in " + item.local().location());
            case DELETE ->
                "only in Conductor"
                    + scope().map(s -> " (project scope: " + s.describe() + ")").orElse("");
            case KEEP_IN_USE ->
                "only in Conductor, kept: "
                    + String.join(
                        "; ", item.usages().stream().map(u -> "used by " + u.describe()).toList());
            case UPDATE ->
                "defined in "
                    + item.local().location()
                    + "; remote -> local:\n"
                    + String.join("\n", item.differences().stream().map(Object::toString).toList());
            default -> null;
          };
      Integer version =
          item.local() != null
              ? (item.local().kind().versioned() ? item.local().version() : null)
              : null;
      out.add(
          new RunReport.Entry(
              kind(item),
              item.name(),
              version,
              action.name().toLowerCase(Locale.ROOT).replace('_', '-'),
              detail,
              failOnDiff && action != Action.UNCHANGED && action != Action.KEEP_IN_USE));
    }
    values.forEach(v -> out.add(v.entry(failOnDiff && v.missing())));
    return out;
  }

  /** The counts by action, for the report's {@code checked} facts. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Action action : List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.UNCHANGED)) {
      counts.put(action.name().toLowerCase(Locale.ROOT), count(action));
    }
    if (count(Action.KEEP_IN_USE) > 0) {
      counts.put("keep-in-use", count(Action.KEEP_IN_USE));
    }
    return counts;
  }

  /** {@code order_flow v3} for workflows, the name for task definitions. */
  private static String id(PlanItem item) {
    return item.id().toString();
  }

  private static String kind(PlanItem item) {
    return item.id().kind().label();
  }
}
