package io.idflow.core.plan;

import static io.idflow.core.plan.TaskUsagesTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowReferencesTest {

  @Test
  void readsEveryKindOfReferenceWithItsVersion() {
    WorkflowReferences refs =
        WorkflowReferences.of(
            List.of(
                json(
                    """
                    {"name": "parent", "version": 2, "failureWorkflow": "on_failure",
                     "tasks": [
                       {"name": "s", "taskReferenceName": "pinned_ref", "type": "SUB_WORKFLOW",
                        "subWorkflowParam": {"name": "child", "version": "3"}},
                       {"name": "s", "taskReferenceName": "any_ref", "type": "SUB_WORKFLOW",
                        "subWorkflowParam": {"name": "child", "version": "${workflow.input.v}"}},
                       {"name": "st", "taskReferenceName": "start_ref", "type": "START_WORKFLOW",
                        "inputParameters": {"startWorkflow": {"name": "side", "version": 1}}},
                       {"name": "d", "taskReferenceName": "dyn_ref", "type": "SUB_WORKFLOW",
                        "subWorkflowParam": {"name": "${workflow.input.flow}"}}]}\
                    """)),
            List.of());

    assertThat(refs.to("child"))
        .extracting(WorkflowReferences.Reference::version, WorkflowReferences.Reference::anyVersion)
        .containsExactlyInAnyOrder(tuple(3, false), tuple(null, true));
    assertThat(refs.to("side"))
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(1));
    assertThat(refs.to("on_failure"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.version()).isNull();
              assertThat(r.usage().describe())
                  .isEqualTo("workflow parent v2 (task ref failureWorkflow)");
            });
    assertThat(refs.chosenAtRunTime())
        .extracting(TaskUsages.Usage::taskRef)
        .containsExactly("dyn_ref");
  }
}
