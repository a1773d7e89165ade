package io.idflow.core.plan;

import static io.idflow.core.plan.PurgeScopeTest.task;
import static io.idflow.core.plan.TaskUsagesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.remote.RemoteDefinitions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deletions the one planner plans, for diff and purge-orphans alike. */
class DeletionsPlanTest {
  static final PurgeScope MINE = PurgeScope.resolve("me@x.io", List.of(), List.of(), List.of());

  static final List<ObjectNode> REMOTE =
      List.of(
          task("z_orphan", "me@x.io"),
          task("a_orphan", "me@x.io"),
          task("still_local", "me@x.io"),
          task("used_deep", "me@x.io"),
          task("foreign", "them@x.io"),
          task("no_owner", null));

  static final ObjectNode FLOW =
      json(
          """
          {"name": "flow", "version": 2, "tasks": [{"name": "l", "taskReferenceName": "l_ref", "type": "DO_WHILE",
            "loopOver": [{"name": "used_deep", "taskReferenceName": "deep_ref"}, {"name": "foreign", "taskReferenceName": "f_ref"}]}]}\
          """);

  /**
   * The deletions planned with {@code scope} when {@code localTasks} are defined locally and the
   * server holds FLOW.
   */
  private static Plan plan(PurgeScope scope, Set<String> localTasks, boolean usageCheck) {
    List<LocalDefinition> tasks =
        localTasks.stream()
            .sorted()
            .map(
                n ->
                    new LocalDefinition(
                        Kind.TASK,
                        n,
                        0,
                        task(n, "me@x.io"),
                        Path.of("idflow/tasks/" + n + ".json"),
                        -1))
            .toList();
    LocalDefinitions local =
        new LocalDefinitions(Path.of("idflow"), 0, tasks.size(), List.of(), tasks, List.of());
    RemoteDefinitions remote =
        RemoteDefinitions.of(Map.of(Kind.WORKFLOW, List.of(FLOW), Kind.TASK, REMOTE));
    return Planner.plan(
        local, remote, new Planner.Options(List.of(), false, DriftPolicy.WARN, scope, usageCheck));
  }

  private static List<String> names(List<PlanItem> items) {
    return items.stream().map(PlanItem::name).toList();
  }

  @Test
  void deletesOnlyOrphansInScopeThatNoWorkflowUses() {
    Plan plan = plan(MINE, Set.of("still_local"), true);

    assertThat(names(plan.with(Action.DELETE))).containsExactly("a_orphan", "z_orphan");
    assertThat(plan.with(Action.DELETE).get(0).reason()).isEqualTo("owner me@x.io");
    assertThat(names(plan.with(Action.KEEP_IN_USE))).containsExactly("used_deep");
    assertThat(plan.with(Action.KEEP_IN_USE).get(0).usages().get(0).describe())
        .isEqualTo("workflow flow v2 (task ref deep_ref)");
    assertThat(plan.writes()).isEmpty();
    DeletionScope deletions = plan.deletions().orElseThrow();
    assertThat(deletions.usageChecked()).isTrue();
    assertThat(deletions.remoteTasks()).isEqualTo(6);
    assertThat(deletions.inScope()).isEqualTo(4);
  }

  @Test
  void forceSkipsTheUsageCheckButNeverTheScope() {
    Plan plan = plan(MINE, Set.of("still_local"), false);

    assertThat(names(plan.with(Action.DELETE)))
        .containsExactly("a_orphan", "used_deep", "z_orphan");
    assertThat(plan.with(Action.KEEP_IN_USE)).isEmpty();
    assertThat(plan.deletions().orElseThrow().usageChecked()).isFalse();
  }

  @Test
  void includesBringInForeignTasksAndExcludesKeepOrphans() {
    PurgeScope scope = PurgeScope.resolve("me@x.io", List.of(), List.of("no_*"), List.of("z_*"));

    Plan plan = plan(scope, Set.of(), true);

    assertThat(names(plan.with(Action.DELETE)))
        .containsExactly("a_orphan", "no_owner", "still_local");
    assertThat(plan.with(Action.DELETE).get(1).reason()).isEqualTo("matches include 'no_*'");
  }

  @Test
  void nothingToDeleteWhenEverythingIsLocal() {
    Plan plan = plan(MINE, Set.of("a_orphan", "z_orphan", "still_local", "used_deep"), true);

    assertThat(plan.with(Action.DELETE)).isEmpty();
    assertThat(plan.with(Action.KEEP_IN_USE)).isEmpty();
  }

  @Test
  void noDeletionsArePlannedWithoutAScope() {
    LocalDefinitions local =
        new LocalDefinitions(Path.of("idflow"), 0, 0, List.of(), List.of(), List.of());
    RemoteDefinitions remote =
        RemoteDefinitions.of(Map.of(Kind.WORKFLOW, List.of(FLOW), Kind.TASK, REMOTE));

    Plan plan =
        Planner.plan(local, remote, Planner.Options.compare(List.of(), false, DriftPolicy.WARN));

    assertThat(plan.items()).isEmpty();
    assertThat(plan.deletions()).isEmpty();
  }
}
