package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of Conductor 3.32.3 that conductor-common 3.15 lacks or has changed: per task type
 * ({@link TaskTypeRules}, {@link WaitTimes}, {@link ScriptSyntax}), the input expressions ({@link
 * InputExpressions}, {@link JsonPathSyntax}), and the 3.15 checks 3.32.3 dropped ({@link
 * CommonGap}). One case per rule, with the server's message; {@code ValidationAgreementIT} holds
 * them against the server.
 */
class ServerRulesTest {

  @TempDir Path root;
  private Path dir;

  @BeforeEach
  void setUp() {
    dir = root.resolve("idflow");
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private LocalDefinitions validate(boolean nameValidation) {
    LocalDefinitions loaded = DefinitionLoader.load(dir);
    assertThat(loaded.problems()).as("loading problems").isEmpty();
    return new DefinitionValidator(false, nameValidation).validate(loaded);
  }

  private List<String> errors() {
    return validate(false).errors().stream().map(Problem::toString).toList();
  }

  private List<String> warnings() {
    return validate(false).warnings().stream().map(Problem::toString).toList();
  }

  /** A workflow {@code w} of the given tasks, written as {@code workflows/w.json}. */
  private void workflow(String... tasks) throws IOException {
    write("workflows/w.json", "{\"name\":\"w\",\"tasks\":[" + String.join(",", tasks) + "]}");
  }

  /**
   * A task named and referenced {@code ref} of {@code type}, with more fields (JSON members,
   * without braces).
   */
  private static String task(String ref, String type, String more) {
    return "{\"name\":\""
        + ref
        + "\",\"taskReferenceName\":\""
        + ref
        + "\",\"type\":\""
        + type
        + "\""
        + (more.isEmpty() ? "" : "," + more)
        + "}";
  }

  private static final String AT = "idflow/workflows/w.json at ";
  private static final String W = " (workflow w v1): ";

  // ---- what conductor-common 3.15 checks and 3.32.3 does not

  @Test
  void acceptsOwnerEmailThatIsNotAnEmailAddress() throws IOException {
    write("tasks/t.json", "{\"name\":\"t\",\"ownerEmail\":\"admin-user\"}");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"ownerEmail\":\"admin-user\",\"tasks\":["
            + task("t", "SIMPLE", "")
            + "]}");

    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void acceptsAColonInAWorkflowNameAsTheServerDoesByDefault() throws IOException {
    write(
        "workflows/w.json",
        "{\"name\":\"team:w\",\"tasks\":["
            + task("j", "JSON_JQ_TRANSFORM", "\"inputParameters\":{\"queryExpression\":\".\"}")
            + "]}");

    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void checksTheCharactersOfAWorkflowNameWhenNameValidationIsOn() throws IOException {
    write(
        "workflows/w.json",
        "{\"name\":\"team:w\",\"tasks\":["
            + task("j", "JSON_JQ_TRANSFORM", "\"inputParameters\":{\"queryExpression\":\".\"}")
            + "]}");

    assertThat(validate(true).errors())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/w.json at /name (workflow team:w v1): Invalid name 'team:w'. Allowed"
                + " characters are alphanumeric, underscores, spaces, hyphens, and special"
                + " characters like <, >, {, }, #");
  }

  @Test
  void acceptsASubWorkflowParamWithoutAName() throws IOException {
    workflow(task("s", "SUB_WORKFLOW", "\"subWorkflowParam\":{}"));

    assertThat(errors()).isEmpty();
  }

  @Test
  void acceptsAnInlineWorkflowDefinitionGivenAsAnExpressionButNoOtherString() throws IOException {
    workflow(
        task(
            "s",
            "SUB_WORKFLOW",
            "\"subWorkflowParam\":{\"name\":\"x\",\"workflowDefinition\":\"${workflow.input.definition}\"}"),
        task(
            "t",
            "SUB_WORKFLOW",
            "\"subWorkflowParam\":{\"name\":\"x\",\"workflowDefinition\":\"child\"}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/1/subWorkflowParam/workflowDefinition"
                + W
                + "workflowDefinition is a string, but not a valid DSL string (found \"child\"; a"
                + " string must be an expression such as \"${workflow.input.definition}\")");
  }

  @Test
  void checksTheTaskDefinitionFieldsConductorCommon315DoesNotKnow() throws IOException {
    write(
        "tasks/t.json",
        "{\"name\":\"t\",\"maxRetryDelaySeconds\":-1,\"backoffJitterMs\":99999999999,\"totalTimeoutSeconds\":-2}");
    write(
        "tasks/u.json",
        "{\"name\":\"u\",\"timeoutSeconds\":60,\"responseTimeoutSeconds\":10,\"totalTimeoutSeconds\":30}");

    assertThat(errors())
        .containsExactly(
            "idflow/tasks/t.json at /maxRetryDelaySeconds (task t): TaskDef maxRetryDelaySeconds: 0"
                + " must be >= 0 (found -1)",
            "idflow/tasks/t.json at /backoffJitterMs (task t): must be a whole number from"
                + " -2147483648 to 2147483647, found 99999999999",
            "idflow/tasks/t.json at /totalTimeoutSeconds (task t): TaskDef totalTimeoutSeconds: 0"
                + " must be >= 0 (found -2)",
            "idflow/tasks/u.json (task u): TaskDef: u timeoutSeconds: 60 must be less than or equal"
                + " to totalTimeoutSeconds: 30");
  }

  // ---- per task type

  @Test
  void eventNeedsASink() throws IOException {
    workflow(task("e", "EVENT", ""), task("ok", "EVENT", "\"sink\":\"conductor\""));

    assertThat(errors())
        .containsExactly(
            AT + "/tasks/0/sink" + W + "sink field is required for taskType: EVENT taskName: e");
  }

  @Test
  void decisionNeedsACaseParameterAndCases() throws IOException {
    workflow(
        task("d", "DECISION", ""),
        task("ok", "DECISION", "\"caseValueParam\":\"k\",\"decisionCases\":{\"a\":[]}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0"
                + W
                + "caseValueParam or caseExpression field is required for taskType: DECISION"
                + " taskName: d",
            AT
                + "/tasks/0/decisionCases"
                + W
                + "decisionCases should have atleast one task for taskType: DECISION taskName: d");
  }

  @Test
  void decisionCaseExpressionMustParse() throws IOException {
    workflow(
        task("d", "DECISION", "\"caseExpression\":\"$.a ==\",\"decisionCases\":{\"a\":[]}"),
        task(
            "ok",
            "DECISION",
            "\"caseExpression\":\"$.a == 1 ? 'a' : 'b'\",\"decisionCases\":{\"a\":[]}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/caseExpression"
                + W
                + "Expression is not well formatted: SyntaxError: inline:1:4 expected an operand"
                + " after '==' but found the end, taskType: DECISION taskName d");
  }

  @Test
  void switchNeedsEvaluatorTypeExpressionAndCases() throws IOException {
    workflow(
        task("a", "SWITCH", "\"decisionCases\":{\"x\":[]}"),
        task("b", "SWITCH", "\"evaluatorType\":\"value-param\""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/evaluatorType"
                + W
                + "evaluatorType field is required for taskType: SWITCH taskName: a",
            AT
                + "/tasks/1/expression"
                + W
                + "expression field is required for taskType: SWITCH taskName: b",
            AT
                + "/tasks/1/decisionCases"
                + W
                + "decisionCases should have atleast one task for taskType: SWITCH taskName: b");
  }

  @Test
  void switchJavascriptExpressionMustParseButAGraaljsOneIsNotChecked() throws IOException {
    workflow(
        task(
            "a",
            "SWITCH",
            "\"evaluatorType\":\"javascript\",\"expression\":\"f(\",\"decisionCases\":{\"x\":[]}"),
        task(
            "b",
            "SWITCH",
            "\"evaluatorType\":\"graaljs\",\"expression\":\"f(\",\"decisionCases\":{\"x\":[]}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/expression"
                + W
                + "Expression is not well formatted: SyntaxError:"
                + " inline:1:1 '(' is never closed, taskType: SWITCH taskName a");
  }

  @Test
  void dynamicNeedsItsTaskNameParameter() throws IOException {
    workflow(task("d", "DYNAMIC", ""), task("ok", "DYNAMIC", "\"dynamicTaskNameParam\":\"n\""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/dynamicTaskNameParam"
                + W
                + "dynamicTaskNameParam field is required for taskType: DYNAMIC taskName: d");
  }

  @Test
  void dynamicForkNeedsOneWayToGetItsTasks() throws IOException {
    workflow(
        task("none", "FORK_JOIN_DYNAMIC", ""),
        task(
            "both",
            "FORK_JOIN_DYNAMIC",
            "\"dynamicForkJoinTasksParam\":\"a\",\"dynamicForkTasksParam\":\"b\""),
        task("legacy", "FORK_JOIN_DYNAMIC", "\"dynamicForkJoinTasksParam\":\"a\""),
        task(
            "pair",
            "FORK_JOIN_DYNAMIC",
            "\"dynamicForkTasksParam\":\"a\",\"dynamicForkTasksInputParamName\":\"b\""),
        task(
            "inputs",
            "FORK_JOIN_DYNAMIC",
            "\"dynamicForkJoinTasksParam\":\"a\",\"dynamicForkTasksParam\":\"b\","
                + "\"inputParameters\":{\"forkTaskInputs\":[]}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/dynamicForkTasksParam"
                + W
                + "dynamicForkTasksParam field is required for taskType: FORK_JOIN_DYNAMIC"
                + " taskName: none",
            AT
                + "/tasks/0/dynamicForkTasksInputParamName"
                + W
                + "dynamicForkTasksInputParamName field is required for taskType:"
                + " FORK_JOIN_DYNAMIC taskName: none",
            AT
                + "/tasks/1"
                + W
                + "dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName and"
                + " dynamicForkTasksParam cam be used for taskType: FORK_JOIN_DYNAMIC taskName:"
                + " both");
  }

  @Test
  void httpNeedsARequestInItsInputsOrItsTaskDefinition() throws IOException {
    write(
        "tasks/templated.json",
        "{\"name\":\"templated\",\"inputTemplate\":{\"http_request\":{\"uri\":\"http://x\"}}}");
    workflow(
        task("inline", "HTTP", "\"taskDefinition\":{\"name\":\"inline\"}"),
        task("elsewhere", "HTTP", ""),
        task("templated", "HTTP", ""),
        task("uri", "HTTP", "\"inputParameters\":{\"uri\":\"http://x\"}"),
        task("request", "HTTP", "\"inputParameters\":{\"http_request\":null}"),
        task(
            "inline_ok",
            "HTTP",
            "\"taskDefinition\":{\"name\":\"inline_ok\",\"inputTemplate\":{\"http_request\":{}}}"));

    LocalDefinitions defs = validate(false);

    assertThat(defs.errors())
        .extracting(Problem::toString)
        .containsExactly(
            AT
                + "/tasks/0/inputParameters"
                + W
                + "inputParameters.http_request or inputParameters.uri field is required for"
                + " taskType: HTTP taskName: inline");
    // Without an inline definition the server looks one up by name: only it can tell.
    assertThat(defs.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            AT
                + "/tasks/1/inputParameters"
                + W
                + "inputParameters.http_request or inputParameters.uri field is required for"
                + " taskType: HTTP taskName: elsewhere; the server accepts it only if its task"
                + " definition 'elsewhere' has inputTemplate.http_request (no local file defines"
                + " it)");
  }

  @Test
  void forkJoinNeedsABranch() throws IOException {
    workflow(task("f", "FORK_JOIN", "\"forkTasks\":[]"), task("g", "FORK_JOIN", ""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/forkTasks"
                + W
                + "forkTasks should have atleast one task for taskType: FORK_JOIN taskName: f",
            AT
                + "/tasks/1/forkTasks"
                + W
                + "forkTasks should have atleast one task for taskType: FORK_JOIN taskName: g");
  }

  @Test
  void terminateIsNotOptionalAndEndsCompletedFailedOrTerminated() throws IOException {
    workflow(
        task(
            "a",
            "TERMINATE",
            "\"optional\":true,\"inputParameters\":{\"terminationStatus\":\"TERMINATED\"}"),
        task(
            "b",
            "TERMINATE",
            "\"inputParameters\":{\"terminationStatus\":\"${workflow.input.status}\"}"),
        task("c", "TERMINATE", "\"inputParameters\":null"),
        task("ok", "TERMINATE", "\"inputParameters\":{\"terminationStatus\":\"FAILED\"}"));

    assertThat(errors())
        .containsExactly(
            AT + "/tasks/0/optional" + W + "terminate task cannot be optional, taskName: a",
            AT
                + "/tasks/1/inputParameters/terminationStatus"
                + W
                + "terminate task must have an terminationStatus parameter and must be"
                + " set to COMPLETED or FAILED, taskName: b (found \"${workflow.input.status}\")",
            AT
                + "/tasks/2/inputParameters"
                + W
                + "must be an object for taskType: TERMINATE, found null (the server fails on it:"
                + " HV000028: Unexpected exception during isValid call.)");
  }

  @Test
  void kafkaPublishNeedsARequest() throws IOException {
    workflow(
        task("k", "KAFKA_PUBLISH", "\"taskDefinition\":{\"name\":\"k\"}"),
        task("ok", "KAFKA_PUBLISH", "\"inputParameters\":{\"kafka_request\":{}}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/inputParameters"
                + W
                + "inputParameters.kafka_request field is required for taskType: KAFKA_PUBLISH"
                + " taskName: k");
  }

  @Test
  void doWhileNeedsALoopConditionAndTasks() throws IOException {
    workflow(task("l", "DO_WHILE", "\"loopOver\":[]"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/loopCondition"
                + W
                + "loopCondition field is required for taskType: DO_WHILE taskName: l",
            AT
                + "/tasks/0/loopOver"
                + W
                + "loopOver field is required for taskType: DO_WHILE taskName: l");
  }

  @Test
  void tasksInsideALoopAreNotCheckedByType() throws IOException {
    workflow(
        task(
            "l",
            "DO_WHILE",
            "\"loopCondition\":\"false\",\"loopOver\":[" + task("e", "EVENT", "") + "]"));

    assertThat(errors()).isEmpty();
  }

  @Test
  void subWorkflowNeedsItsParameters() throws IOException {
    workflow(task("s", "SUB_WORKFLOW", ""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/subWorkflowParam"
                + W
                + "subWorkflowParam field is required for taskType: SUB_WORKFLOW taskName: s");
  }

  @Test
  void jsonJqTransformNeedsAQuery() throws IOException {
    write("tasks/j.json", "{\"name\":\"j\",\"inputTemplate\":{}}");
    workflow(task("j", "JSON_JQ_TRANSFORM", ""));

    assertThat(warnings())
        .containsExactly(
            AT
                + "/tasks/0/inputParameters"
                + W
                + "inputParameters.queryExpression field is required for taskType:"
                + " JSON_JQ_TRANSFORM taskName: j; the server accepts it only if its task"
                + " definition 'j' has inputTemplate.queryExpression, which the local one has not");
  }

  @Test
  void waitTakesADurationOrADateThatParse() throws IOException {
    workflow(
        task(
            "both",
            "WAIT",
            "\"inputParameters\":{\"duration\":\"5 mins\",\"until\":\"2030-01-01\"}"),
        task("years", "WAIT", "\"inputParameters\":{\"duration\":\"5 years\"}"),
        task("tomorrow", "WAIT", "\"inputParameters\":{\"until\":\"tomorrow\"}"),
        task("ok1", "WAIT", "\"inputParameters\":{\"duration\":\"1d2h3m4s\"}"),
        task("ok2", "WAIT", "\"inputParameters\":{\"until\":\"2030-01-31 14:30 UTC\"}"),
        task("ok3", "WAIT", "\"inputParameters\":{\"duration\":\"${workflow.input.wait}\"}"),
        task("ok4", "WAIT", ""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/inputParameters"
                + W
                + "Both 'duration' and 'until' specified. Please provide only one input",
            AT
                + "/tasks/1/inputParameters/duration"
                + W
                + "Either date or duration is passed as null (found \"5 years\"; a duration is"
                + " like \"2 days 3 hours 10 minutes 5 seconds\" or \"2d3h10m5s\")",
            AT
                + "/tasks/2/inputParameters/until"
                + W
                + "Unable to parse date (found \"tomorrow\"; a date is like \"2030-01-31\","
                + " \"2030-01-31 14:30\" or \"2030-01-31 14:30 UTC\")");
  }

  // ---- input expressions

  @Test
  void rejectsAnExpressionJsonPathCannotCompile() throws IOException {
    workflow(
        task("get_es_1", "SIMPLE", ""),
        task("t", "SIMPLE", "\"inputParameters\":{\"statuses\":\"${get_es_1.output...status}\"}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/1/inputParameters/statuses"
                + W
                + "key: statuses input parameter value:"
                + " get_es_1.output...status is not valid ('.' at position 17 follows '..')");
  }

  @Test
  void acceptsATrailingBlankInAnExpressionWhichConductorCommon315Refused() throws IOException {
    workflow(task("t", "SIMPLE", "\"inputParameters\":{\"x\":\"${workflow.input.x }\"}"));

    assertThat(errors()).isEmpty();
  }

  @Test
  void rejectsABlankInsideANameOfAnExpression() throws IOException {
    workflow(task("t", "SIMPLE", "\"inputParameters\":{\"x\":\"${workflow.input.my value}\"}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/inputParameters/x"
                + W
                + "key: x input parameter value: workflow.input.my value is not valid (a name holds"
                + " a space (position 17); JsonPath wants ['my name'] for that)");
  }

  @Test
  void pointsAtTheNestedValueOfAnUnknownReference() throws IOException {
    workflow(
        task(
            "t",
            "SIMPLE",
            "\"inputParameters\":{\"a\":{\"b\":[\"${first.output.x}\",\"${nope.output.x}\"]}}"),
        task("first", "SIMPLE", ""));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/0/inputParameters/a/b/1"
                + W
                + "taskReferenceName: nope for given task: t input value: b of input parameter:"
                + " ${nope.output.x} is not defined in workflow definition.");
  }

  @Test
  void findsReferencesWhereTheServerLooksByTaskTypeAndChecksOnlyTopLevelInputs()
      throws IOException {
    workflow(
        task(
            "loop",
            "DO_WHILE",
            "\"loopCondition\":\"false\",\"loopOver\":[" + task("in_loop", "SIMPLE", "") + "]"),
        task("odd", "SIMPLE", "\"forkTasks\":[[" + task("hidden", "SIMPLE", "") + "]]"),
        task(
            "fork",
            "FORK_JOIN",
            "\"forkTasks\":[["
                + task("nested", "SIMPLE", "\"inputParameters\":{\"x\":\"${nope.output}\"}")
                + "]]"),
        task(
            "t",
            "SIMPLE",
            "\"inputParameters\":{\"a\":\"${in_loop.output}\",\"b\":\"${hidden.output}\"}"));

    assertThat(errors())
        .containsExactly(
            AT
                + "/tasks/3/inputParameters/b"
                + W
                + "taskReferenceName: hidden for given task: t input value: b of input parameter:"
                + " ${hidden.output} is not defined in workflow definition.");
  }
}
