package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskUsagesTest {

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** One workflow with a task definition used at each kind of depth, each under its own name. */
  static final ObjectNode NESTED =
      json(
          """
          {"name": "order_flow", "version": 3, "tasks": [
            {"name": "top", "taskReferenceName": "top_ref", "type": "SIMPLE"},
            {"name": "fork", "taskReferenceName": "fork_ref", "type": "FORK_JOIN", "forkTasks": [
              [{"name": "in_fork_a", "taskReferenceName": "fa_ref"}],
              [{"name": "in_fork_b", "taskReferenceName": "fb_ref"}]
            ]},
            {"name": "switch", "taskReferenceName": "switch_ref", "type": "SWITCH",
             "decisionCases": {"x/y": [{"name": "in_case", "taskReferenceName": "case_ref"}]},
             "defaultCase": [{"name": "in_default", "taskReferenceName": "default_ref"}]},
            {"name": "loop", "taskReferenceName": "loop_ref", "type": "DO_WHILE", "loopOver": [
              {"name": "fork2", "taskReferenceName": "fork2_ref", "type": "FORK_JOIN", "forkTasks": [[
                {"name": "switch2", "taskReferenceName": "switch2_ref", "type": "SWITCH",
                 "decisionCases": {"a": [{"name": "deep", "taskReferenceName": "deep_ref"}]}}
              ]]}
            ]},
            {"name": "ad_hoc", "taskReferenceName": "inline_ref", "type": "SIMPLE",
             "taskDefinition": {"name": "inline_def", "retryCount": 1}},
            {"name": "dyn_fork", "taskReferenceName": "dynfork_ref", "type": "FORK_JOIN_DYNAMIC",
             "dynamicForkTasksParam": "dynamicTasks", "dynamicForkTasksInputParamName": "dynamicTasksInput",
             "inputParameters": {"dynamicTasks": [
                 {"name": "static_in_dynamic_fork", "taskReferenceName": "s1_ref"},
                 {"name": "sw", "taskReferenceName": "s2_ref", "type": "SWITCH",
                  "decisionCases": {"c": [{"name": "static_nested", "taskReferenceName": "s3_ref"}]}}
               ], "dynamicTasksInput": {}}},
            {"name": "dyn_fork2", "taskReferenceName": "dynfork2_ref", "type": "FORK_JOIN_DYNAMIC",
             "inputParameters": {"forkTaskName": "fork_task_name", "forkTaskInputs": [{"a": 1}]}},
            {"name": "dyn_fork3", "taskReferenceName": "dynfork3_ref", "type": "FORK_JOIN_DYNAMIC",
             "dynamicForkTasksParam": "dynamicTasks",
             "inputParameters": {"dynamicTasks": "${prev_ref.output.tasks}", "forkTaskName": "${workflow.input.name}"}},
            {"name": "dyn", "taskReferenceName": "dyn_ref", "type": "DYNAMIC", "dynamicTaskNameParam": "taskToRun",
             "inputParameters": {"taskToRun": "dynamic_literal"}},
            {"name": "dyn2", "taskReferenceName": "dyn2_ref", "type": "DYNAMIC", "dynamicTaskNameParam": "taskToRun",
             "inputParameters": {"taskToRun": "${workflow.input.task}"}},
            {"name": "child", "taskReferenceName": "sub_ref", "type": "SUB_WORKFLOW",
             "subWorkflowParam": {"name": "child", "workflowDefinition": {"name": "child", "tasks": [
               {"name": "in_inline_sub", "taskReferenceName": "inner_ref"}]}}}
          ]}\
          """);

  @Test
  void findsTaskDefinitionsAtEveryDepth() {
    TaskUsages usages = TaskUsages.of(List.of(NESTED), List.of());

    assertThat(ref(usages, "top")).isEqualTo("top_ref");
    assertThat(ref(usages, "in_fork_a")).isEqualTo("fa_ref");
    assertThat(ref(usages, "in_fork_b")).isEqualTo("fb_ref");
    assertThat(ref(usages, "in_case")).isEqualTo("case_ref");
    assertThat(ref(usages, "in_default")).isEqualTo("default_ref");
    assertThat(ref(usages, "deep")).isEqualTo("deep_ref");
  }

  @Test
  void countsAnInlineTaskDefinitionAndTheTaskNameBoth() {
    TaskUsages usages = TaskUsages.of(List.of(NESTED), List.of());

    assertThat(ref(usages, "inline_def")).isEqualTo("inline_ref");
    assertThat(ref(usages, "ad_hoc")).isEqualTo("inline_ref");
  }

  @Test
  void countsTheStaticTasksOfDynamicForksButNotExpressions() {
    TaskUsages usages = TaskUsages.of(List.of(NESTED), List.of());

    assertThat(ref(usages, "static_in_dynamic_fork")).isEqualTo("dynfork_ref > s1_ref");
    assertThat(ref(usages, "static_nested")).isEqualTo("dynfork_ref > s3_ref");
    assertThat(ref(usages, "fork_task_name")).isEqualTo("dynfork2_ref");
    assertThat(usages.isUsed("${workflow.input.name}")).isFalse();
    assertThat(usages.isUsed("${prev_ref.output.tasks}")).isFalse();
  }

  @Test
  void countsTheLiteralTaskOfADynamicTask() {
    TaskUsages usages = TaskUsages.of(List.of(NESTED), List.of());

    assertThat(ref(usages, "dynamic_literal")).isEqualTo("dyn_ref");
    assertThat(usages.isUsed("${workflow.input.task}")).isFalse();
  }

  @Test
  void walksInlineSubWorkflowDefinitions() {
    TaskUsages usages = TaskUsages.of(List.of(NESTED), List.of());

    TaskUsages.Usage use = usages.of("in_inline_sub").get(0);
    assertThat(use.workflow()).isEqualTo("order_flow");
    assertThat(use.taskRef()).isEqualTo("sub_ref > inner_ref");
  }

  @Test
  void describesTheUserAsTheMessageNamesIt() {
    TaskUsages.Usage use = TaskUsages.of(List.of(NESTED), List.of()).of("top").get(0);

    assertThat(use.describe()).isEqualTo("workflow order_flow v3 (task ref top_ref)");
  }

  @Test
  void countsEveryVersionSortedByWorkflowAndVersion() {
    ObjectNode v1 =
        json(
            """
            {"name": "b_flow", "version": 1, "tasks": [{"name": "charge", "taskReferenceName": "old_ref"}]}\
            """);
    ObjectNode v2 =
        json(
            """
            {"name": "b_flow", "version": 2, "tasks": [{"name": "other", "taskReferenceName": "o_ref"}]}\
            """);
    ObjectNode a =
        json(
            """
            {"name": "a_flow", "tasks": [{"name": "charge", "taskReferenceName": "a_ref"}]}\
            """);

    TaskUsages usages = TaskUsages.of(List.of(v2, v1, a), List.of());

    assertThat(usages.of("charge"))
        .extracting(TaskUsages.Usage::describe)
        .containsExactly(
            "workflow a_flow v1 (task ref a_ref)", "workflow b_flow v1 (task ref old_ref)");
    assertThat(usages.of("nothing")).isEmpty();
  }

  @Test
  void countsLocalWorkflowsOnceWhenTheServerHasTheSameUse() {
    ObjectNode remote =
        json(
            """
            {"name": "flow", "version": 1, "tasks": [{"name": "charge", "taskReferenceName": "c_ref"}]}\
            """);
    LocalDefinition same = local(remote.deepCopy());
    LocalDefinition newer =
        local(
            json(
                """
                {"name": "flow", "version": 2, "tasks": [{"name": "charge", "taskReferenceName": "c_ref"},
                  {"name": "refund", "taskReferenceName": "r_ref"}]}\
                """));

    TaskUsages usages = TaskUsages.of(List.of(remote), List.of(same, newer));

    assertThat(usages.of("charge"))
        .extracting(TaskUsages.Usage::describe)
        .containsExactly(
            "workflow flow v1 (task ref c_ref)", "local workflow flow v2 (task ref c_ref)");
    assertThat(usages.of("refund").get(0).local()).isEqualTo("idflow/workflows/flow.json");
  }

  @Test
  void namesATaskWithoutReferenceByItsPointer() {
    TaskUsages usages =
        TaskUsages.of(
            List.of(
                json(
                    """
                    {"name": "f", "tasks": [{"name": "noref"}]}\
                    """)),
            List.of());

    assertThat(ref(usages, "noref")).isEqualTo("/tasks/0");
  }

  private static LocalDefinition local(ObjectNode json) {
    return new LocalDefinition(
        Kind.WORKFLOW,
        json.path("name").asText(),
        json.path("version").asInt(1),
        json,
        Path.of("idflow/workflows/flow.json"),
        -1);
  }

  private static String ref(TaskUsages usages, String task) {
    List<TaskUsages.Usage> uses = usages.of(task);
    assertThat(uses).as("uses of " + task).hasSize(1);
    return uses.get(0).taskRef();
  }
}
