package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.goal.Validate;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event handlers read from events/ (and ID Flow's event_handlers.json) and checked offline. */
class EventHandlerRulesTest {
  @TempDir Path project;

  private void write(String file, String json) throws IOException {
    Path path = project.resolve("idflow").resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, json);
  }

  private LocalDefinitions validate() {
    return Validate.run(LocalFiles.of(project.resolve("idflow")), null, false).defs();
  }

  private static final String WORKFLOW =
      """
      {"name": "ship", "version": 2, "tasks": [{"name": "t", "taskReferenceName": "t",
       "type": "INLINE", "inputParameters": {"evaluatorType": "graaljs", "expression": "1"}}]}
      """;

  @Test
  void validHandlersLoadByNameAndStartingALocalWorkflowNeedsNoWarning() throws IOException {
    write("workflows/ship.json", WORKFLOW);
    write(
        "events/orders.json",
        """
        [{"name": "on_paid", "event": "conductor:pay:paid", "active": true,
          "actions": [{"action": "start_workflow", "start_workflow": {"name": "ship", "version": 2,
                       "input": {"order": "${orderId}"}}}]},
         {"name": "on_shipped", "event": "sqs:shipped", "active": false, "condition": "$.ok",
          "actions": [{"action": "complete_task",
                       "complete_task": {"workflowId": "${wf}", "taskRefName": "wait_ship"}}]}]
        """);

    LocalDefinitions defs = validate();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.eventHandlers())
        .extracting(d -> d.id().toString())
        .containsExactly("on_paid", "on_shipped");
    assertThat(defs.files(io.idflow.core.model.Kind.EVENT_HANDLER)).isEqualTo(1);
  }

  @Test
  void everyMissingPieceIsAnErrorWithItsPathAndAnUnsetActiveIsAWarning() throws IOException {
    write(
        "events/bad.json",
        """
        [{"name": "no_event", "actions": [{"action": "start_workflow", "start_workflow": {}}]},
         {"name": "no_actions", "event": "conductor:a:b", "actions": [], "active": true},
         {"name": "odd_actions", "event": "conductor:a:b", "active": "yes",
          "actions": [{"action": "send_mail"}, {"action": "complete_task", "complete_task":
                       {"taskRefName": "x"}}, {"action": "start_workflow",
                       "start_workflow": {"name": "ship", "version": "two"}},
                      {"action": "update_workflow_variables"}, {"fail_task": {"taskId": "1"}}]}]
        """);

    assertThat(validate().problems())
        .extracting(Problem::toString)
        .containsExactlyInAnyOrder(
            "idflow/events/bad.json at /0/event (event handler no_event): Missing event location:"
                + " set 'event' to what the handler listens to, such as conductor:<workflow"
                + " name>:<event name> or sqs:<queue>",
            "idflow/events/bad.json at /0/actions/0/start_workflow (event handler no_event): a"
                + " start_workflow action needs name (a non-empty value)",
            "idflow/events/bad.json at /0/active (event handler no_event): 'active' is not set:"
                + " Conductor stores the handler inactive, and it never runs; write \"active\":"
                + " true (or false to keep it off)",
            "idflow/events/bad.json at /1/actions (event handler no_actions): No actions"
                + " specified. Please specify at-least one action",
            "idflow/events/bad.json at /2/actions/0/action (event handler odd_actions): unknown"
                + " action 'send_mail': use one of start_workflow, complete_task, fail_task,"
                + " terminate_workflow, update_workflow_variables, start_agent",
            "idflow/events/bad.json at /2/actions/1/complete_task (event handler odd_actions): a"
                + " complete_task action needs workflowId and taskRefName, or taskId (a non-empty"
                + " value)",
            "idflow/events/bad.json at /2/actions/2/start_workflow/version (event handler"
                + " odd_actions): the version to start must be a whole number from 1, found the"
                + " string \"two\"; leave it out to start the latest",
            "idflow/events/bad.json at /2/actions/2/start_workflow (event handler odd_actions):"
                + " it starts workflow ship, which is not defined in local files; it must exist"
                + " on the server (check-missing checks it)",
            "idflow/events/bad.json at /2/actions/3/update_workflow_variables (event handler"
                + " odd_actions): a update_workflow_variables action needs a"
                + " 'update_workflow_variables' object that says what to do",
            "idflow/events/bad.json at /2/actions/4/action (event handler odd_actions): no"
                + " 'action' type: use one of start_workflow, complete_task, fail_task,"
                + " terminate_workflow, update_workflow_variables, start_agent",
            "idflow/events/bad.json at /2/active (event handler odd_actions): 'active' must be"
                + " true or false");
  }

  @Test
  void idFlowsEventHandlersBesideItsWorkflowsAreReadAsHandlersWithALineSayingSo()
      throws IOException {
    write("workflows/shipping/ship.json", WORKFLOW);
    write(
        "workflows/shipping/event_handlers.json",
        """
        [{"name": "after_ship", "event": "conductor:ship:completed", "active": true,
          "actions": [{"action": "start_workflow", "start_workflow": {"name": "ship"}}]}]
        """);

    LocalDefinitions defs = validate();

    assertThat(defs.workflows()).extracting(d -> d.name()).containsExactly("ship");
    assertThat(defs.eventHandlers()).extracting(d -> d.name()).containsExactly("after_ship");
    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/shipping/event_handlers.json: read as event handlers, as ID Flow"
                + " keeps them beside its workflows; move the file to events/ to silence this"
                + " line");
  }

  @Test
  void aStartedVersionNoLocalFileDefinesIsAWarningAndAWorkflowInEventsIsAnError()
      throws IOException {
    write("workflows/ship.json", WORKFLOW);
    write(
        "events/h.json",
        """
        {"name": "h", "event": "conductor:a:b", "active": true,
         "actions": [{"action": "start_workflow", "start_workflow": {"name": "ship", "version": 3}}]}
        """);
    write("events/wf.json", WORKFLOW);

    assertThat(validate().problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/events/wf.json at /tasks (event handler 'ship'): this looks like a workflow"
                + " definition (it has 'tasks'): move it to workflows/",
            "idflow/events/h.json at /actions/0/start_workflow (event handler h): it starts"
                + " workflow ship v3, which is not defined in local files (local versions: [2]);"
                + " it must exist on the server (check-missing checks it)");
  }
}
