package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.remote.RemoteDefinitions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlannerTest {

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static LocalDefinition workflow(String name, int version, String description) {
    ObjectNode json =
        json(
            "{\"name\":\""
                + name
                + "\",\"version\":"
                + version
                + ",\"description\":\""
                + description
                + "\","
                + "\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    return new LocalDefinition(
        Kind.WORKFLOW, name, version, json, Path.of("idflow/workflows/" + name + ".json"), -1);
  }

  /**
   * The server's copy of {@code def}: audit fields, defaults filled in, keys in the server's order.
   */
  private static ObjectNode serverCopy(LocalDefinition def, String description) {
    return json(
        "{\"createTime\":0,\"updateTime\":1795936462082,\"name\":\""
            + def.name()
            + "\",\"description\":\""
            + description
            + "\",\"version\":"
            + def.version()
            + ",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"inputParameters\":{},"
            + "\"type\":\"SIMPLE\",\"startDelay\":0,\"optional\":false}],\"inputParameters\":[],\"schemaVersion\":2,\"restartable\":true}");
  }

  private static RemoteDefinitions remote(ObjectNode... defs) {
    return RemoteDefinitions.of(Map.of(Kind.WORKFLOW, List.of(defs)));
  }

  /** Compares {@code compare}, in that order, with {@code remote}; plans no deletions. */
  private static Plan plan(
      List<LocalDefinition> compare, RemoteDefinitions remote, boolean force, DriftPolicy onDrift) {
    LocalDefinitions local =
        new LocalDefinitions(Path.of("idflow"), 0, 0, List.of(), List.of(), List.of());
    return Planner.plan(local, remote, Planner.Options.compare(compare, force, onDrift));
  }

  @Test
  void indexesWorkflowsByNameAndVersionAndTasksByName() {
    RemoteDefinitions remote =
        RemoteDefinitions.of(
            Map.of(
                Kind.WORKFLOW,
                    List.of(
                        json("{\"name\":\"a\",\"version\":2}"),
                        json("{\"name\":\"a\",\"version\":3}"),
                        json("{\"name\":\"b\"}")),
                Kind.TASK, List.of(json("{\"name\":\"t\",\"retryCount\":1}"))));

    assertThat(remote.get(DefinitionId.workflow("a", 3)))
        .hasValueSatisfying(d -> assertThat(d.get("version").asInt()).isEqualTo(3));
    assertThat(remote.get(DefinitionId.workflow("b", 1))).isPresent();
    assertThat(remote.get(DefinitionId.workflow("a", 1))).isEmpty();
    assertThat(remote.get(DefinitionId.task("t"))).isPresent();
    assertThat(remote.workflowVersions())
        .containsOnlyKeys("a", "b")
        .containsEntry("a", new java.util.TreeSet<>(List.of(2, 3)));
  }

  @Test
  void createsWhatTheServerLacks() {
    LocalDefinition a = workflow("a", 2, "x");

    Plan plan =
        plan(List.of(a), remote(serverCopy(workflow("a", 1, "x"), "x")), false, DriftPolicy.WARN);

    assertThat(plan.items())
        .extracting(PlanItem::action, PlanItem::remote, PlanItem::differences)
        .containsExactly(tuple(Action.CREATE, null, List.of()));
    assertThat(plan.writes())
        .extracting(PlanItem::id)
        .containsExactly(DefinitionId.workflow("a", 2));
  }

  @Test
  void leavesAServerCopyThatMeansTheSameUnchanged() {
    LocalDefinition a = workflow("a", 1, "x");

    Plan plan = plan(List.of(a), remote(serverCopy(a, "x")), false, DriftPolicy.WARN);

    assertThat(plan.items()).extracting(PlanItem::action).containsExactly(Action.UNCHANGED);
    assertThat(plan.writes()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DriftPolicy.class,
      names = {"WARN", "FAIL"})
  void marksOtherContentAtTheSameVersionAsDriftAndDoesNotWriteIt(DriftPolicy policy) {
    LocalDefinition a = workflow("a", 1, "new");

    Plan plan = plan(List.of(a), remote(serverCopy(a, "old")), false, policy);

    assertThat(plan.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.action()).isEqualTo(Action.DRIFT);
              assertThat(item.differences())
                  .extracting(Difference::toString)
                  .containsExactly("/description: \"old\" -> \"new\"");
            });
    assertThat(plan.writes()).isEmpty();
    assertThat(plan.count(Action.DRIFT)).isEqualTo(1);
  }

  @Test
  void overwritesDriftWhenThePolicySaysSo() {
    LocalDefinition a = workflow("a", 1, "new");

    Plan plan = plan(List.of(a), remote(serverCopy(a, "old")), false, DriftPolicy.OVERWRITE);

    assertThat(plan.items()).extracting(PlanItem::action).containsExactly(Action.UPDATE);
    assertThat(plan.writes())
        .singleElement()
        .satisfies(
            item ->
                assertThat(item.differences())
                    .extracting(Difference::toString)
                    .containsExactly("/description: \"old\" -> \"new\""));
  }

  @ParameterizedTest
  @EnumSource(DriftPolicy.class)
  void forceWritesEverythingWhateverThePolicy(DriftPolicy policy) {
    LocalDefinition same = workflow("same", 1, "x");
    LocalDefinition drifted = workflow("drifted", 1, "new");
    LocalDefinition missing = workflow("missing", 1, "x");

    Plan plan =
        plan(
            List.of(same, drifted, missing),
            remote(serverCopy(same, "x"), serverCopy(drifted, "old")),
            true,
            policy);

    assertThat(plan.items())
        .extracting(i -> i.id().toString(), PlanItem::action, i -> i.differences().size())
        .containsExactly(
            tuple("same v1", Action.UPDATE, 0),
            tuple("drifted v1", Action.UPDATE, 1),
            tuple("missing v1", Action.CREATE, 0));
    assertThat(plan.writes()).hasSize(3);
  }

  @Test
  void keepsTheOrderOfTheSelectedDefinitions() {
    LocalDefinition b = workflow("b", 1, "x");
    LocalDefinition a1 = workflow("a", 1, "x");
    LocalDefinition a2 = workflow("a", 2, "x");

    Plan plan = plan(List.of(b, a1, a2), remote(serverCopy(a1, "x")), false, DriftPolicy.WARN);

    assertThat(plan.items())
        .extracting(i -> i.id().toString(), PlanItem::action)
        .containsExactly(
            tuple("b v1", Action.CREATE),
            tuple("a v1", Action.UNCHANGED),
            tuple("a v2", Action.CREATE));
  }

  @Test
  void comparesTaskDefinitionsByName() {
    ObjectNode local = json("{\"name\":\"t\",\"retryCount\":5,\"ownerEmail\":\"a@example.com\"}");
    LocalDefinition t =
        new LocalDefinition(Kind.TASK, "t", 0, local, Path.of("idflow/tasks/t.json"), -1);
    RemoteDefinitions remote =
        RemoteDefinitions.of(
            Map.of(
                Kind.TASK,
                List.of(
                    json(
                        "{\"createTime\":1,\"updateTime\":0,\"createdBy\":\"\",\"name\":\"t\",\"retryCount\":2,\"timeoutSeconds\":0,"
                            + "\"ownerEmail\":\"a@example.com\",\"retryLogic\":\"FIXED\"}"))));

    // A task definition has no versions: whatever the drift policy, another content is an update.
    Plan plan = plan(List.of(t), remote, false, DriftPolicy.WARN);

    assertThat(plan.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.id()).isEqualTo(DefinitionId.task("t"));
              assertThat(item.action()).isEqualTo(Action.UPDATE);
              assertThat(item.differences())
                  .extracting(Difference::toString)
                  .containsExactly("/retryCount: 2 -> 5");
            });
  }

  @Test
  void parsesDriftPolicyInAnyCaseAndNamesTheChoicesOtherwise() {
    assertThat(DriftPolicy.parse(" Overwrite ")).isEqualTo(DriftPolicy.OVERWRITE);
    assertThatThrownBy(() -> DriftPolicy.parse("ignore"))
        .isInstanceOf(IdflowException.class)
        .hasMessage("Unknown drift policy 'ignore': use one of warn, fail, overwrite");
    assertThatThrownBy(() -> DriftPolicy.parse(null))
        .hasMessage("Unknown drift policy 'null': use one of warn, fail, overwrite");
  }
}
