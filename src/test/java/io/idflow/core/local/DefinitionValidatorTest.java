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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DefinitionValidatorTest {

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

  private LocalDefinitions validate(boolean ownerEmailMandatory) {
    LocalDefinitions loaded = DefinitionLoader.load(dir);
    assertThat(loaded.problems()).as("loading problems").isEmpty();
    return new DefinitionValidator(ownerEmailMandatory).validate(loaded);
  }

  private List<String> errors() {
    return validate(false).errors().stream().map(Problem::toString).toList();
  }

  private List<String> warnings() {
    return validate(false).warnings().stream().map(Problem::toString).toList();
  }

  /** A SIMPLE task whose task definition exists locally (see {@link #defineTask}). */
  private static String simple(String name, String ref) {
    return "{\"name\":\"" + name + "\",\"taskReferenceName\":\"" + ref + "\",\"type\":\"SIMPLE\"}";
  }

  private static String subWorkflow(String ref, String target, Integer version) {
    return "{\"name\":\"call_"
        + target
        + "\",\"taskReferenceName\":\""
        + ref
        + "\",\"type\":\"SUB_WORKFLOW\","
        + "\"subWorkflowParam\":{\"name\":\""
        + target
        + "\""
        + (version == null ? "" : ",\"version\":" + version)
        + "}}";
  }

  private void defineTask(String name) throws IOException {
    write(
        "tasks/" + name + ".json",
        "{\"name\":\"" + name + "\",\"ownerEmail\":\"team@example.com\"}");
  }

  private void workflow(String file, String name, String... tasks) throws IOException {
    write(
        "workflows/" + file,
        "{\"name\":\"" + name + "\",\"tasks\":[" + String.join(",", tasks) + "]}");
  }

  // ---- conductor-common's own rules and messages

  @Test
  void rejectsDuplicateTaskReferenceName() throws IOException {
    defineTask("t");
    workflow("w.json", "w", simple("t", "r"), simple("t", "r"));

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1/taskReferenceName (workflow w v1):"
                + " taskReferenceName: r should be unique across tasks for a given"
                + " workflowDefinition: w (used by /tasks/0 and /tasks/1)");
  }

  @Test
  void rejectsExpressionNamingAnUnknownTaskReference() throws IOException {
    defineTask("t");
    workflow(
        "w.json",
        "w",
        simple("t", "first"),
        "{\"name\":\"t\",\"taskReferenceName\":\"second\",\"inputParameters\":{\"x\":\"${nope.output.x}\",\"ok\":\"${first.output.y}\"}}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1/inputParameters/x (workflow w v1):"
                + " taskReferenceName: nope for given task: t input value: x of input parameter:"
                + " ${nope.output.x} is not defined in workflow definition.");
  }

  @Test
  void rejectsSchemaVersionOne() throws IOException {
    defineTask("t");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"schemaVersion\":1,\"tasks\":[" + simple("t", "t") + "]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /schemaVersion (workflow w v1): workflowDef schemaVersion:"
                + " 2 is only supported (found 1)");
  }

  @Test
  void rejectsEmptyTasks() throws IOException {
    workflow("w.json", "w");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks (workflow w v1): WorkflowTask list cannot be empty");
  }

  @Test
  void rejectsTaskDefWhoseResponseTimeoutExceedsItsTimeout() throws IOException {
    write(
        "tasks/slow.json",
        "{\"name\":\"slow\",\"timeoutSeconds\":10,\"responseTimeoutSeconds\":20}");

    assertThat(errors())
        .containsExactly(
            "idflow/tasks/slow.json (task slow): TaskDef: slow responseTimeoutSeconds: 20 must be"
                + " less than timeoutSeconds: 10");
  }

  @Test
  void rejectsNegativeRetryCountWithTheServersMessage() throws IOException {
    write("tasks/t.json", "{\"name\":\"t\",\"retryCount\":-1}");

    // The server's own wording: it prints 0, not the rejected value.
    assertThat(errors())
        .containsExactly(
            "idflow/tasks/t.json at /retryCount (task t): TaskDef retryCount: 0 must be >= 0 (found"
                + " -1)");
  }

  @Test
  void pointsIntoTheArrayForADefinitionInAMultiDefinitionFile() throws IOException {
    write("tasks/all.json", "[{\"name\":\"ok\"},{\"name\":\"bad\",\"retryCount\":-2}]");

    assertThat(errors())
        .containsExactly(
            "idflow/tasks/all.json at /1/retryCount (task bad): TaskDef retryCount: 0 must be >= 0"
                + " (found -2)");
  }

  @Test
  void requiresOwnerEmailOnlyWhenMandatory() throws IOException {
    write("tasks/t.json", "{\"name\":\"t\"}");
    write("tasks/owned.json", "{\"name\":\"owned\",\"ownerEmail\":\"team@example.com\"}");
    workflow("w.json", "w", simple("t", "t"));

    assertThat(validate(false).problems()).isEmpty();
    assertThat(validate(true).errors())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/w.json at /ownerEmail (workflow w v1): ownerEmail cannot be empty",
            "idflow/tasks/t.json at /ownerEmail (task t): ownerEmail cannot be empty");
    // The switch is static in conductor-common: a lax run after a strict one must be lax again.
    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void reportsWrongTypeWithItsJsonPath() throws IOException {
    write("tasks/t.json", "{\"name\":\"t\",\"retryCount\":\"three\"}");

    assertThat(errors())
        .containsExactly(
            "idflow/tasks/t.json at /retryCount (task t): must be a whole number, found the string"
                + " \"three\"");
  }

  @Test
  void reportsWrongTypeInANestedTaskWithItsJsonPath() throws IOException {
    defineTask("t");
    workflow(
        "w.json",
        "w",
        "{\"name\":\"sw\",\"taskReferenceName\":\"sw\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\",\"expression\":\"k\","
            + "\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a\":[{\"name\":\"t\",\"taskReferenceName\":\"x\","
            + "\"startDelay\":\"soon\"}]}}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/decisionCases/a/0/startDelay (workflow w v1): must"
                + " be a whole number, found the string \"soon\"");
  }

  @Test
  void acceptsUnknownEnumValuesAndUnknownFields() throws IOException {
    write(
        "tasks/t.json",
        "{\"name\":\"t\",\"timeoutPolicy\":\"SOMETHING_NEW\",\"retryLogic\":\"QUANTUM\",\"brandNewField\":{\"a\":[1]}}");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"timeoutPolicy\":\"SOMETHING_NEW\",\"futureFlag\":true,\"tasks\":["
            + "{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\",\"newTaskField\":\"x\"}]}");

    assertThat(validate(false).problems()).isEmpty();
  }

  // ---- references across local definitions

  @Test
  void warnsAboutSubWorkflowNotDefinedLocally() throws IOException {
    workflow("w.json", "w", subWorkflow("call", "elsewhere", null));

    LocalDefinitions defs = validate(false);

    assertThat(defs.errors()).isEmpty();
    assertThat(defs.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/subWorkflowParam (workflow w v1): sub-workflow"
                + " elsewhere is not defined in local files; it must exist on the server");
  }

  @Test
  void warnsAboutPinnedSubWorkflowVersionNotDefinedLocally() throws IOException {
    defineTask("t");
    workflow("child.json", "child", simple("t", "t"));
    write(
        "workflows/child3.json",
        "{\"name\":\"child\",\"version\":3,\"tasks\":[" + simple("t", "t") + "]}");
    workflow("w.json", "w", subWorkflow("ok", "child", 3), subWorkflow("old", "child", 2));

    assertThat(warnings())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1/subWorkflowParam (workflow w v1): sub-workflow"
                + " child v2 is not defined in local files (local versions: [1, 3]); it must exist"
                + " on the server");
  }

  @Test
  void readsAVersionGivenAsAStringAsTheServerDoesAsThatVersion() throws IOException {
    // The server's Jackson reads "2" into SubWorkflowParams.version as 2: here, as in
    // check-missing, it pins v2.
    defineTask("t");
    workflow("child.json", "child", simple("t", "t"));
    workflow(
        "w.json",
        "w",
        subWorkflow("pinned", "child", 1).replace("\"version\":1", "\"version\":\"2\""));

    assertThat(warnings())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/subWorkflowParam (workflow w v1): sub-workflow"
                + " child v2 is not defined in local files (local versions: [1]); it must exist on"
                + " the server");
  }

  @Test
  void doesNotWarnAboutASubWorkflowNamedAtRunTime() throws IOException {
    workflow("w.json", "w", subWorkflow("dyn", "${workflow.input.flow}", null));

    assertThat(warnings()).isEmpty();
  }

  @Test
  void aSubWorkflowGivenInlineIsNoCallToTheStoredOne() throws IOException {
    // a v1 carries b's definition inline: the server runs that copy, not the stored b, so b calling
    // a is no cycle.
    defineTask("t");
    write(
        "workflows/a.json",
        "{\"name\":\"a\",\"tasks\":[{\"name\":\"s\",\"taskReferenceName\":\"s\",\"type\":\"SUB_WORKFLOW\","
            + "\"subWorkflowParam\":{\"name\":\"b\",\"workflowDefinition\":{\"name\":\"b\",\"tasks\":["
            + simple("t", "t")
            + "]}}}]}");
    workflow("b.json", "b", subWorkflow("back", "a", 1));

    assertThat(errors()).isEmpty();
  }

  @Test
  void doesNotWarnAboutSubWorkflowDefinedLocallyOrInline() throws IOException {
    defineTask("t");
    workflow("child.json", "child", simple("t", "t"));
    workflow(
        "w.json",
        "w",
        subWorkflow("latest", "child", null),
        subWorkflow("pinned", "child", 1),
        "{\"name\":\"inline\",\"taskReferenceName\":\"inline\",\"type\":\"SUB_WORKFLOW\",\"subWorkflowParam\":{\"name\":\"adhoc\","
            + "\"workflowDefinition\":{\"name\":\"adhoc\",\"tasks\":["
            + simple("t", "t")
            + "]}}}");

    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void warnsAboutSimpleTaskWithoutLocalTaskDef() throws IOException {
    workflow(
        "w.json",
        "w",
        simple("charge", "charge_ref"),
        "{\"name\":\"untyped\",\"taskReferenceName\":\"untyped_ref\"}");

    assertThat(warnings())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0 (workflow w v1): task 'charge' (ref charge_ref)"
                + " has no task definition in local files; without one on the server Conductor runs"
                + " it with default retries and timeouts",
            "idflow/workflows/w.json at /tasks/1 (workflow w v1): task 'untyped' (ref untyped_ref)"
                + " has no task definition in local files; without one on the server Conductor runs"
                + " it with default retries and timeouts");
  }

  @Test
  void doesNotWarnAboutSimpleTaskWithInlineTaskDefinitionOrSystemTask() throws IOException {
    workflow(
        "w.json",
        "w",
        "{\"name\":\"charge\",\"taskReferenceName\":\"charge\",\"type\":\"SIMPLE\",\"taskDefinition\":{\"name\":\"charge\",\"retryCount\":1}}",
        "{\"name\":\"calc\",\"taskReferenceName\":\"calc\",\"type\":\"INLINE\",\"inputParameters\":{\"evaluatorType\":\"graaljs\","
            + "\"expression\":\"1\"}}");

    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void rejectsSubWorkflowCycle() throws IOException {
    workflow("a.json", "a", subWorkflow("to_b", "b", null));
    workflow("b.json", "b", subWorkflow("to_a", "a", 1));

    LocalDefinitions defs = validate(false);

    assertThat(defs.errors())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/a.json at /tasks/0/subWorkflowParam (workflow a v1): sub-workflows"
                + " call each other in a cycle: a v1 -> b v1 -> a v1; a run would never end");
  }

  @Test
  void rejectsWorkflowCallingItself() throws IOException {
    workflow("a.json", "a", subWorkflow("again", "a", null));

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/a.json at /tasks/0/subWorkflowParam (workflow a v1): sub-workflows"
                + " call each other in a cycle: a v1 -> a v1; a run would never end");
  }

  @Test
  void followsUnpinnedSubWorkflowToTheLatestLocalVersion() throws IOException {
    defineTask("t");
    // a v2 calls b, b calls a v1, and a v1 calls nothing: no cycle.
    write(
        "workflows/a1.json", "{\"name\":\"a\",\"version\":1,\"tasks\":[" + simple("t", "t") + "]}");
    write(
        "workflows/a2.json",
        "{\"name\":\"a\",\"version\":2,\"tasks\":[" + subWorkflow("to_b", "b", null) + "]}");
    workflow("b.json", "b", subWorkflow("to_a", "a", 1));
    workflow("c.json", "c", subWorkflow("to_c", "c2", null));
    // c2 calls a without a version: the latest, a v2, which calls b: still no cycle through c.
    workflow("c2.json", "c2", subWorkflow("to_a", "a", null));

    assertThat(validate(false).problems()).isEmpty();
  }

  @Test
  void rejectsCycleThroughUnpinnedLatestVersion() throws IOException {
    defineTask("t");
    write(
        "workflows/a1.json", "{\"name\":\"a\",\"version\":1,\"tasks\":[" + simple("t", "t") + "]}");
    write(
        "workflows/a2.json",
        "{\"name\":\"a\",\"version\":2,\"tasks\":[" + subWorkflow("to_b", "b", null) + "]}");
    workflow("b.json", "b", subWorkflow("to_a", "a", null));

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/a2.json at /tasks/0/subWorkflowParam (workflow a v2): sub-workflows"
                + " call each other in a cycle: a v2 -> b v1 -> a v2; a run would never end");
  }

  // ---- nested tasks

  @Test
  void rejectsDuplicateReferenceInsideForkBranches() throws IOException {
    defineTask("t");
    workflow(
        "w.json",
        "w",
        "{\"name\":\"fork\",\"taskReferenceName\":\"fork\",\"type\":\"FORK_JOIN\",\"forkTasks\":[["
            + simple("t", "a")
            + "],["
            + simple("t", "a")
            + "]]}",
        "{\"name\":\"join\",\"taskReferenceName\":\"join\",\"type\":\"JOIN\",\"joinOn\":[\"a\"]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/forkTasks/1/0/taskReferenceName (workflow w v1):"
                + " taskReferenceName: a should be unique across tasks for a given"
                + " workflowDefinition: w (used by /tasks/0/forkTasks/0/0 and"
                + " /tasks/0/forkTasks/1/0)");
  }

  @Test
  void rejectsReferenceInsideDoWhileDuplicatingATopLevelOne() throws IOException {
    defineTask("t");
    workflow(
        "w.json",
        "w",
        simple("t", "x"),
        "{\"name\":\"loop\",\"taskReferenceName\":\"loop\",\"type\":\"DO_WHILE\",\"loopCondition\":\"false\",\"loopOver\":["
            + simple("t", "x")
            + "]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1/loopOver/0/taskReferenceName (workflow w v1):"
                + " taskReferenceName: x should be unique across tasks for a given"
                + " workflowDefinition: w (used by /tasks/0 and /tasks/1/loopOver/0)");
  }

  @Test
  void checksReferencesOfTasksNestedInForkSwitchAndDoWhile() throws IOException {
    defineTask("known");
    workflow(
        "w.json",
        "w",
        "{\"name\":\"fork\",\"taskReferenceName\":\"fork\",\"type\":\"FORK_JOIN\",\"forkTasks\":[["
            + simple("known", "k1")
            + "],["
            + simple("in_fork", "f1")
            + "]]}",
        "{\"name\":\"join\",\"taskReferenceName\":\"join\",\"type\":\"JOIN\",\"joinOn\":[\"k1\",\"f1\"]}",
        "{\"name\":\"sw\",\"taskReferenceName\":\"sw\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\",\"expression\":\"k\","
            + "\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a/b\":["
            + simple("in_case", "c1")
            + "]},"
            + "\"defaultCase\":["
            + subWorkflow("d1", "in_default", null)
            + "]}",
        "{\"name\":\"loop\",\"taskReferenceName\":\"loop\",\"type\":\"DO_WHILE\",\"loopCondition\":\"false\",\"loopOver\":["
            + simple("known", "l0")
            + ","
            + simple("in_loop", "l1")
            + "]}");

    String tail =
        " has no task definition in local files; without one on the server Conductor runs it with"
            + " default retries and timeouts";
    assertThat(warnings())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/forkTasks/1/0 (workflow w v1): task 'in_fork' (ref"
                + " f1)"
                + tail,
            "idflow/workflows/w.json at /tasks/2/defaultCase/0/subWorkflowParam (workflow w v1):"
                + " sub-workflow in_default is not defined in local files; it must exist on the"
                + " server",
            "idflow/workflows/w.json at /tasks/2/decisionCases/a~1b/0 (workflow w v1): task"
                + " 'in_case' (ref c1)"
                + tail,
            "idflow/workflows/w.json at /tasks/3/loopOver/1 (workflow w v1): task 'in_loop' (ref"
                + " l1)"
                + tail);
  }

  @Test
  void rejectsCycleThroughSubWorkflowNestedInDoWhile() throws IOException {
    workflow(
        "a.json",
        "a",
        "{\"name\":\"loop\",\"taskReferenceName\":\"loop\",\"type\":\"DO_WHILE\",\"loopCondition\":\"false\",\"loopOver\":["
            + subWorkflow("to_b", "b", null)
            + "]}");
    workflow(
        "b.json",
        "b",
        "{\"name\":\"fork\",\"taskReferenceName\":\"fork\",\"type\":\"FORK_JOIN\",\"forkTasks\":[["
            + subWorkflow("to_a", "a", null)
            + "]]}",
        "{\"name\":\"join\",\"taskReferenceName\":\"join\",\"type\":\"JOIN\",\"joinOn\":[\"to_a\"]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/a.json at /tasks/0/loopOver/0/subWorkflowParam (workflow a v1):"
                + " sub-workflows call each other in a cycle: a v1 -> b v1 -> a v1; a run would"
                + " never end");
  }

  @Test
  void collectsEveryProblemOfEveryDefinition() throws IOException {
    write(
        "tasks/a.json",
        "{\"name\":\"a\",\"retryCount\":-1,\"timeoutSeconds\":1,\"responseTimeoutSeconds\":2}");
    write("tasks/b.json", "{\"name\":\"b\",\"retryCount\":\"x\"}");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"schemaVersion\":3,\"tasks\":["
            + simple("a", "r")
            + ","
            + simple("b", "r")
            + "]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1/taskReferenceName (workflow w v1):"
                + " taskReferenceName: r should be unique across tasks for a given"
                + " workflowDefinition: w (used by /tasks/0 and /tasks/1)",
            "idflow/workflows/w.json at /schemaVersion (workflow w v1): workflowDef schemaVersion:"
                + " 2 is only supported (found 3)",
            "idflow/tasks/a.json (task a): TaskDef: a responseTimeoutSeconds: 2 must be less than"
                + " timeoutSeconds: 1",
            "idflow/tasks/a.json at /retryCount (task a): TaskDef retryCount: 0 must be >= 0 (found"
                + " -1)",
            "idflow/tasks/b.json at /retryCount (task b): must be a whole number, found the string"
                + " \"x\"");
  }

  @Test
  void namesJsonKindsNotJavaTypesInWrongTypeMessages() throws IOException {
    defineTask("t");
    // Jackson stops at the first wrong type of a definition: one each.
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"outputParameters\":\"x\",\"tasks\":[" + simple("t", "a") + "]}");
    write("tasks/u.json", "{\"name\":\"u\",\"inputKeys\":{}}");
    write("tasks/v.json", "{\"name\":\"v\",\"retryCount\":99999999999}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /outputParameters (workflow w v1): must be an object, found"
                + " the string \"x\"",
            "idflow/tasks/u.json at /inputKeys (task u): must be an array, found an object",
            "idflow/tasks/v.json at /retryCount (task v): must be a whole number from -2147483648"
                + " to 2147483647, found 99999999999");
  }

  /**
   * A problem under a SWITCH case whose key holds JSON-pointer characters points at the escaped
   * key.
   */
  @Test
  void pointsIntoACaseWhoseKeyHoldsASlashOrATilde() throws IOException {
    defineTask("t");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"tasks\":[{\"name\":\"s\",\"taskReferenceName\":\"s\",\"type\":\"SWITCH\","
            + "\"evaluatorType\":\"value-param\",\"expression\":\"k\",\"inputParameters\":{\"k\":\"a\"},"
            + "\"decisionCases\":{\"eu/west~1\":[{\"name\":\"t\"}]}}]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/decisionCases/eu~1west~01/0/taskReferenceName"
                + " (workflow w v1): WorkflowTask taskReferenceName name cannot be empty or null");
  }

  /**
   * conductor-common marks both decisionCases/forkTasks and their elements @Valid: without care
   * each nested task is validated once per route, 2^depth times (30 levels would take days), and
   * its problems come back that often, some at paths with {@code <map value>} in them.
   */
  @Test
  @Timeout(120) // a guard against the exponential walk coming back, not a performance goal
  void reportsAProblemThirtySwitchesAndForksDeepOnceAtItsPlainPath() throws IOException {
    defineTask("t");
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    StringBuilder at = new StringBuilder("/tasks/0");
    for (int i = 0; i < 30; i++) {
      if (i % 2 == 0) {
        open.append("[{\"name\":\"s\",\"taskReferenceName\":\"s")
            .append(i)
            .append("\",\"type\":\"SWITCH\",")
            .append(
                "\"evaluatorType\":\"value-param\",\"expression\":\"k\",\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a\":");
        close.insert(0, "}}]");
        at.append("/decisionCases/a/0");
      } else {
        open.append("[{\"name\":\"f\",\"taskReferenceName\":\"f")
            .append(i)
            .append("\",\"type\":\"FORK_JOIN\",\"forkTasks\":[");
        close.insert(0, "]}]");
        at.append("/forkTasks/0/0");
      }
    }
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"tasks\":" + open + "[{\"name\":\"t\"}]" + close + "}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at "
                + at
                + "/taskReferenceName (workflow w v1): WorkflowTask taskReferenceName name cannot"
                + " be empty or null");
  }

  /** 240 SWITCHes inside each other: JSON nested 962 deep, inside Jackson's limit of 1000. */
  @Test
  void validatesTasksNestedAsDeepAsJsonAllowsWithoutOverflowingTheStack() throws IOException {
    defineTask("t");
    String open =
        "[{\"name\":\"s\",\"taskReferenceName\":\"s%d\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\","
            + "\"expression\":\"k\",\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a\":";
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 240; i++) {
      tasks.append(String.format(open, i));
    }
    tasks.append("[{\"name\":\"t\",\"taskReferenceName\":\"s0\"}]").append("}}]".repeat(240));
    write("workflows/w.json", "{\"name\":\"w\",\"tasks\":" + tasks + "}");

    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith(
            "idflow/workflows/w.json at /tasks/0"
                + "/decisionCases/a/0".repeat(240)
                + "/taskReferenceName")
        .contains("taskReferenceName: s0 should be unique");
  }

  @Test
  void reportsNullWhereATaskBelongsInsteadOfCrashing() throws IOException {
    defineTask("t");
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"tasks\":["
            + simple("t", "a")
            + ",null,"
            + "{\"name\":\"f\",\"taskReferenceName\":\"f\",\"type\":\"FORK_JOIN\",\"forkTasks\":[[null],null]},"
            + "{\"name\":\"s\",\"taskReferenceName\":\"s\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\",\"expression\":\"k\","
            + "\"decisionCases\":{\"x/y\":null},\"defaultCase\":[7]},"
            + "{\"name\":\"l\",\"taskReferenceName\":\"l\",\"type\":\"DO_WHILE\",\"loopCondition\":\"false\",\"loopOver\":[null]}]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/1 (workflow w v1): must be a task (a JSON object),"
                + " found null",
            "idflow/workflows/w.json at /tasks/2/forkTasks/0/0 (workflow w v1): must be a task (a"
                + " JSON object), found null",
            "idflow/workflows/w.json at /tasks/2/forkTasks/1 (workflow w v1): must be an array of"
                + " tasks, found null; leave it out instead",
            "idflow/workflows/w.json at /tasks/3/defaultCase/0 (workflow w v1): must be a task (a"
                + " JSON object), found 7",
            "idflow/workflows/w.json at /tasks/3/decisionCases/x~1y (workflow w v1): must be an"
                + " array of tasks, found null; leave it out instead",
            "idflow/workflows/w.json at /tasks/4/loopOver/0 (workflow w v1): must be a task (a JSON"
                + " object), found null");
  }

  @Test
  void reportsTaskTypeThatIsNotAString() throws IOException {
    write(
        "workflows/w.json",
        "{\"name\":\"w\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":null}]}");

    assertThat(errors())
        .containsExactly(
            "idflow/workflows/w.json at /tasks/0/type (workflow w v1): 'type' must be a string such"
                + " as \"SIMPLE\", found null");
  }

  @Test
  void acceptsTheSamples() {
    LocalDefinitions defs =
        new DefinitionValidator(true).validate(DefinitionLoader.load(Path.of("idflow")));

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows()).hasSize(10);
    assertThat(defs.tasks()).hasSize(10);
  }
}
