package io.idflow.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.purge.PurgeScope;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What would change in Conductor to match the local definitions, as a plan: workflows and task
 * definitions to create or update, task definitions in the project's {@link PurgeScope} that only
 * Conductor has (what {@code purge-orphans} considers), and how many are unchanged. A dry run of
 * every upload goal at once.
 *
 * @param items every local definition's plan item (workflows first, then tasks) and the deletions
 * @param scope the task scope used for deletions, or empty when none could be determined
 * @param scopeProblem why there is no scope (shown instead of deletions), or null
 */
public record DiffReport(List<PlanItem> items, Optional<PurgeScope> scope, String scopeProblem) {

  public DiffReport {
    items = List.copyOf(items);
  }

  /**
   * Fetches the server's definitions once each (two requests) and compares.
   *
   * @param scopeProblem why {@code scope} is empty, shown in its place; null when there is a scope
   */
  public static DiffReport compute(ConductorClient client, LocalDefinitions defs, Optional<PurgeScope> scope, String scopeProblem) {
    List<ObjectNode> workflows = client.getWorkflowDefs();
    List<ObjectNode> tasks = client.getTaskDefs();
    return compute(defs, workflows, tasks, scope, scopeProblem);
  }

  /** Compares {@code defs} with definitions already fetched. */
  public static DiffReport compute(LocalDefinitions defs, List<ObjectNode> remoteWorkflows, List<ObjectNode> remoteTasks,
      Optional<PurgeScope> scope, String scopeProblem) {
    List<PlanItem> items = new ArrayList<>();
    // A changed definition is an update here, whatever upload-workflows' drift policy would make of it.
    items.addAll(Planner.plan(defs.workflows(), Planner.index(Kind.WORKFLOW, remoteWorkflows), false, DriftPolicy.OVERWRITE).items());
    items.addAll(Planner.plan(defs.tasks(), Planner.index(Kind.TASK, remoteTasks), false, DriftPolicy.OVERWRITE).items());
    if (scope.isPresent()) {
      Set<String> local = defs.tasksByName().keySet();
      remoteTasks.stream()
          .filter(t -> !local.contains(t.path("name").asText()) && scope.get().reason(t).isPresent())
          .sorted(Comparator.comparing(t -> t.path("name").asText()))
          .forEach(t -> items.add(new PlanItem(Action.DELETE, null, t, List.of())));
    }
    return new DiffReport(items, scope, scope.isPresent() ? null : scopeProblem);
  }

  public long count(Action action) {
    return items.stream().filter(i -> i.action() == action).count();
  }

  /** Whether applying the plan would change anything in Conductor. */
  public boolean changes() {
    return items.stream().anyMatch(i -> i.action() != Action.UNCHANGED);
  }

  /** {@code Plan: 2 to create, 1 to update, 14 unchanged}, with {@code n to delete} when there are deletions. */
  public String summary() {
    long delete = count(Action.DELETE);
    return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, "
        + (delete > 0 ? delete + " to delete, " : "") + count(Action.UNCHANGED) + " unchanged";
  }

  /** The lines a user reads, one per change, each changed path below its definition. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (PlanItem item : items) {
      String what = kind(item) + " " + id(item);
      switch (item.action()) {
        case CREATE -> out.add("+ " + what + " (not in Conductor)");
        case UPDATE, DRIFT -> {
          out.add("~ " + what);
          item.differences().forEach(d -> out.add("    " + d));
        }
        case DELETE -> out.add("- " + what + " (only in Conductor)");
        case UNCHANGED -> { }
      }
    }
    return out;
  }

  /** The goals that would apply the changes, for the message of a failed gate. */
  public String fixHint() {
    List<String> steps = new ArrayList<>();
    if (items.stream().anyMatch(i -> i.local() != null && i.local().kind() == Kind.WORKFLOW && i.action() != Action.UNCHANGED)) {
      steps.add("'mvn idflow:upload-workflows'" + (items.stream().anyMatch(i -> i.local() != null
          && i.local().kind() == Kind.WORKFLOW && i.action() == Action.UPDATE) ? " (-Didflow.onDrift=overwrite for changed versions, or bump them)" : ""));
    }
    if (items.stream().anyMatch(i -> i.local() != null && i.local().kind() == Kind.TASK && i.action() != Action.UNCHANGED)) {
      steps.add("'mvn idflow:sync-tasks'");
    }
    if (count(Action.DELETE) > 0) {
      steps.add("'mvn idflow:purge-orphans'");
    }
    return "Run " + String.join(", ", steps) + " to bring Conductor in line";
  }

  /** Prints the plan: changes, where the task scope came from, and the summary last. */
  public void render(IdflowLog log) {
    for (PlanItem item : items) {
      if (item.action() == Action.UNCHANGED) {
        log.debug("  " + kind(item) + " " + id(item) + " (unchanged)");
      }
    }
    lines().forEach(log::info);
    if (scope.isPresent()) {
      log.debug("Task definitions only in Conductor are listed within the project's scope: " + scope.get().describe());
    } else {
      log.info("Task definitions only in Conductor are not listed: " + scopeProblem);
    }
    log.info("");
    log.info(summary());
  }

  /**
   * One report entry per plan item. Outcomes: {@code create}, {@code update}, {@code delete},
   * {@code unchanged}; with {@code failOnDiff} every change is a failed test.
   */
  public List<RunReport.Entry> entries(boolean failOnDiff) {
    List<RunReport.Entry> out = new ArrayList<>();
    for (PlanItem item : items) {
      Action action = item.action() == Action.DRIFT ? Action.UPDATE : item.action();
      String detail = switch (action) {
        case CREATE -> "not in Conductor" + (item.local() == null ? "" : "; defined in " + item.local().location());
        case DELETE -> "only in Conductor" + scope.map(s -> " (project scope: " + s.describe() + ")").orElse("");
        case UPDATE -> "defined in " + item.local().location() + "; remote -> local:\n"
            + String.join("\n", item.differences().stream().map(Object::toString).toList());
        default -> null;
      };
      Integer version = item.local() != null
          ? (item.local().kind() == Kind.WORKFLOW ? item.local().version() : null) : null;
      out.add(new RunReport.Entry(kind(item), item.name(), version, action.name().toLowerCase(Locale.ROOT), detail,
          failOnDiff && action != Action.UNCHANGED));
    }
    return out;
  }

  /** The counts by action, for the report's {@code checked} facts. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Action action : List.of(Action.CREATE, Action.UPDATE, Action.DELETE, Action.UNCHANGED)) {
      counts.put(action.name().toLowerCase(Locale.ROOT), count(action));
    }
    return counts;
  }

  /** {@code order_flow v3} for workflows, the name for task definitions (whatever the server's copy holds). */
  private static String id(PlanItem item) {
    return item.local() != null ? item.local().id() : item.name();
  }

  private static String kind(PlanItem item) {
    return item.local() != null ? item.local().kind().label() : "task";
  }
}
