package io.idflow.core.purge;

import static io.idflow.core.purge.PurgeScopeTest.task;
import static io.idflow.core.purge.TaskUsagesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PurgePlannerTest {
  static final PurgeScope MINE = PurgeScope.resolve("me@x.io", List.of(), List.of(), List.of());

  static final List<ObjectNode> REMOTE = List.of(
      task("z_orphan", "me@x.io"),
      task("a_orphan", "me@x.io"),
      task("still_local", "me@x.io"),
      task("used_deep", "me@x.io"),
      task("foreign", "them@x.io"),
      task("no_owner", null));

  static final TaskUsages USAGES = TaskUsages.of(List.of(json("""
      {"name": "flow", "version": 2, "tasks": [{"name": "l", "taskReferenceName": "l_ref", "type": "DO_WHILE",
        "loopOver": [{"name": "used_deep", "taskReferenceName": "deep_ref"}, {"name": "foreign", "taskReferenceName": "f_ref"}]}]}""")),
      List.of());

  @Test
  void deletesOnlyOrphansInScopeThatNoWorkflowUses() {
    PurgePlan plan = PurgePlanner.plan(MINE, Set.of("still_local"), REMOTE, USAGES);

    assertThat(plan.candidateNames()).containsExactly("a_orphan", "z_orphan");
    assertThat(plan.candidates().get(0).reason()).isEqualTo("owner me@x.io");
    assertThat(plan.inUse()).extracting(PurgePlan.Kept::name).containsExactly("used_deep");
    assertThat(plan.inUse().get(0).usages().get(0).describe()).isEqualTo("workflow flow v2 (task ref deep_ref)");
    assertThat(plan.usageChecked()).isTrue();
    assertThat(plan.remoteTasks()).isEqualTo(6);
    assertThat(plan.inScope()).isEqualTo(4);
  }

  @Test
  void forceSkipsTheUsageCheckButNeverTheScope() {
    PurgePlan plan = PurgePlanner.plan(MINE, Set.of("still_local"), REMOTE, null);

    assertThat(plan.candidateNames()).containsExactly("a_orphan", "used_deep", "z_orphan");
    assertThat(plan.inUse()).isEmpty();
    assertThat(plan.usageChecked()).isFalse();
  }

  @Test
  void includesBringInForeignTasksAndExcludesKeepOrphans() {
    PurgeScope scope = PurgeScope.resolve("me@x.io", List.of(), List.of("no_*"), List.of("z_*"));

    PurgePlan plan = PurgePlanner.plan(scope, Set.of(), REMOTE, USAGES);

    assertThat(plan.candidateNames()).containsExactly("a_orphan", "no_owner", "still_local");
    assertThat(plan.candidates().get(1).reason()).isEqualTo("matches include 'no_*'");
  }

  @Test
  void nothingToDeleteWhenEverythingIsLocal() {
    PurgePlan plan = PurgePlanner.plan(MINE, Set.of("a_orphan", "z_orphan", "still_local", "used_deep"), REMOTE, USAGES);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.inUse()).isEmpty();
  }
}
