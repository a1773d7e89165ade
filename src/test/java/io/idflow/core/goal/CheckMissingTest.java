package io.idflow.core.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.Failure;
import io.idflow.core.outcome.MissingOutcome;
import io.idflow.core.outcome.Need;
import io.idflow.core.remote.RemoteDefinitions;
import io.idflow.core.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMissingTest {

  @TempDir Path root;

  private Path dir() {
    return root.resolve("idflow");
  }

  private void file(String relative, String json) throws IOException {
    Path file = dir().resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private LocalDefinitions load() {
    LocalDefinitions defs = DefinitionLoader.load(dir());
    assertThat(defs.errors()).isEmpty();
    return defs;
  }

  /** The check with {@code required}, the server holding {@code workflows} and {@code tasks}. */
  private MissingOutcome check(
      List<RequiredWorkflow> required, List<ObjectNode> workflows, List<ObjectNode> tasks) {
    return CheckMissing.evaluate(
        load(),
        new CheckMissing.Options(required, true, false, null, false),
        RemoteDefinitions.of(Map.of(Kind.WORKFLOW, workflows, Kind.TASK, tasks)));
  }

  /** The same outcome under other policies. */
  private static MissingOutcome policy(
      MissingOutcome r, boolean failOnMissing, boolean failOnDrift) {
    return new MissingOutcome(
        r.workflows(),
        r.tasks(),
        r.localWorkflows(),
        r.requiredWorkflows(),
        r.subWorkflowRefs(),
        r.simpleTasks(),
        r.localTasks(),
        failOnMissing,
        failOnDrift,
        r.values(),
        r.unchecked());
  }

  private static List<ObjectNode> remote(String... json) {
    List<ObjectNode> out = new ArrayList<>();
    for (String j : json) {
      try {
        out.add((ObjectNode) Json.mapper().readTree(j));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static String workflow(String name, int version, String tasks) {
    return "{\"name\":\""
        + name
        + "\",\"version\":"
        + version
        + ",\"schemaVersion\":2,\"tasks\":["
        + tasks
        + "]}";
  }

  private static String simple(String name, String ref) {
    return "{\"name\":\"" + name + "\",\"taskReferenceName\":\"" + ref + "\",\"type\":\"SIMPLE\"}";
  }

  private static String sub(String ref, String name, Integer version) {
    return "{\"name\":\""
        + ref
        + "\",\"taskReferenceName\":\""
        + ref
        + "\",\"type\":\"SUB_WORKFLOW\","
        + "\"subWorkflowParam\":{\"name\":\""
        + name
        + "\""
        + (version == null ? "" : ",\"version\":" + version)
        + "}}";
  }

  private static String inline(String name, String ref) {
    return "{\"name\":\""
        + name
        + "\",\"taskReferenceName\":\""
        + ref
        + "\",\"type\":\"SIMPLE\","
        + "\"taskDefinition\":{\"name\":\""
        + name
        + "\",\"retryCount\":1}}";
  }

  private static String taskDef(String name, int retries) {
    return "{\"name\":\""
        + name
        + "\",\"retryCount\":"
        + retries
        + ",\"ownerEmail\":\"team@example.com\"}";
  }

  @Test
  void reportsNothingMissingWhenServerHoldsEverything() throws IOException {
    file(
        "workflows/a.json",
        workflow("a", 1, simple("fetch", "fetch_ref") + "," + sub("call_b", "b", null)));
    file("tasks/fetch.json", taskDef("fetch", 2));
    MissingOutcome report =
        check(
            RequiredWorkflow.parse("c:3"),
            remote(
                workflow("a", 1, simple("fetch", "fetch_ref") + "," + sub("call_b", "b", null)),
                workflow("b", 4, simple("x", "x")),
                workflow("c", 3, simple("x", "x"))),
            remote(taskDef("fetch", 2)));

    assertThat(report.anyMissing()).isFalse();
    assertThat(report.missingLines()).isEmpty();
    assertThat(policy(report, true, true).failure().map(Failure::message)).isEmpty();
    assertThat(report.summary())
        .isEqualTo(
            "Nothing missing in Conductor: checked 1 local workflow, 1 required workflow,"
                + " 1 sub-workflow reference, 1 SIMPLE task and 1 local task definition");
    assertThat(policy(report, true, true).entries())
        .extracting(RunReport.Entry::outcome)
        .containsOnly("present");
  }

  @Test
  void failsWhenLocalWorkflowVersionIsNotOnServer() throws IOException {
    file("workflows/research.json", workflow("research_blog_post_ideas", 2, simple("fetch", "f")));
    file("tasks/fetch.json", taskDef("fetch", 2));
    MissingOutcome report =
        check(
            List.of(),
            remote(workflow("research_blog_post_ideas", 1, simple("fetch", "f"))),
            remote(taskDef("fetch", 2)));

    assertThat(report.missingLines())
        .containsExactly(
            "Missing workflows: research_blog_post_ideas v2",
            "  research_blog_post_ideas v2: defined in idflow/workflows/research.json",
            "Run 'mvn idflow:upload-workflows' to upload missing workflows");
    assertThat(policy(report, true, false).failure().map(Failure::message)).isPresent();
    assertThat(policy(report, false, false).failure().map(Failure::message)).isEmpty();
  }

  @Test
  void failsWhenSubWorkflowNestedInForkSwitchAndDoWhileIsMissing() throws IOException {
    String fork =
        "{\"name\":\"fork\",\"taskReferenceName\":\"fork_ref\",\"type\":\"FORK_JOIN\",\"forkTasks\":[["
            + sub("in_fork", "fork_child", null)
            + "]]}";
    String join =
        "{\"name\":\"join\",\"taskReferenceName\":\"join_ref\",\"type\":\"JOIN\",\"joinOn\":[\"in_fork\"]}";
    String sw =
        "{\"name\":\"sw\",\"taskReferenceName\":\"sw_ref\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\","
            + "\"expression\":\"k\",\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a\":["
            + sub("in_case", "case_child", 2)
            + "]},"
            + "\"defaultCase\":["
            + sub("in_default", "default_child", null)
            + "]}";
    String loop =
        "{\"name\":\"loop\",\"taskReferenceName\":\"loop_ref\",\"type\":\"DO_WHILE\",\"loopCondition\":\"false\","
            + "\"loopOver\":["
            + sub("in_loop", "loop_child", 1)
            + "]}";
    file("workflows/parent.json", workflow("parent", 1, fork + "," + join + "," + sw + "," + loop));
    MissingOutcome report =
        check(
            List.of(),
            remote(
                workflow("parent", 1, fork + "," + join + "," + sw + "," + loop),
                workflow("loop_child", 1, simple("x", "x"))),
            remote());

    assertThat(report.missingWorkflows())
        .extracting(Need::id)
        .containsExactly("case_child v2", "default_child", "fork_child");
    assertThat(report.missingLines())
        .contains(
            "Missing workflows: case_child v2, default_child, fork_child",
            "  case_child v2: sub-workflow of parent v1 (task ref in_case); not in local files:"
                + " deploy it from the project that defines it",
            "  default_child: sub-workflow of parent v1 (task ref in_default); not in local files:"
                + " deploy it from the project that defines it",
            "  fork_child: sub-workflow of parent v1 (task ref in_fork); not in local files: deploy"
                + " it from the project that defines it");
    // None of them is defined locally: upload-workflows cannot help, so it is not suggested.
    assertThat(report.missingLines()).noneMatch(l -> l.contains("upload-workflows"));
    assertThat(report.subWorkflowRefs()).isEqualTo(4);
  }

  @Test
  void pinnedSubWorkflowNeedsThatVersionWhileUnpinnedTakesAny() throws IOException {
    file(
        "workflows/parent.json",
        workflow("parent", 1, sub("pinned", "child", 2) + "," + sub("latest", "child", null)));
    MissingOutcome report =
        check(
            List.of(),
            remote(
                workflow(
                    "parent", 1, sub("pinned", "child", 2) + "," + sub("latest", "child", null)),
                workflow("child", 1, simple("x", "x"))),
            remote());

    assertThat(report.missingWorkflows()).extracting(Need::id).containsExactly("child v2");
    assertThat(report.workflows())
        .filteredOn(n -> n.name().equals("child") && n.version() == null)
        .extracting(Need::status)
        .containsExactly(Need.Status.PRESENT);
  }

  @Test
  void subWorkflowThatIsAlsoLocalIsOneEntryWithBothUsers() throws IOException {
    file("workflows/parent.json", workflow("parent", 1, sub("call", "sub_workflow_1", 2)));
    file("workflows/sub.json", workflow("sub_workflow_1", 2, simple("x", "x_ref")));
    file("tasks/x.json", taskDef("x", 3));
    MissingOutcome report =
        check(
            List.of(),
            remote(workflow("parent", 1, sub("call", "sub_workflow_1", 2))),
            remote(taskDef("x", 3)));

    assertThat(report.missingLines())
        .containsExactly(
            "Missing workflows: sub_workflow_1 v2",
            "  sub_workflow_1 v2: defined in idflow/workflows/sub.json; sub-workflow of parent v1"
                + " (task ref call)",
            "Run 'mvn idflow:upload-workflows' to upload missing workflows");
  }

  @Test
  void inlineSubWorkflowDefinitionAndComputedNameNeedNothing() throws IOException {
    String inlineSub =
        "{\"name\":\"s\",\"taskReferenceName\":\"s\",\"type\":\"SUB_WORKFLOW\",\"subWorkflowParam\":{\"name\":\"inl\","
            + "\"workflowDefinition\":"
            + workflow("inl", 1, inline("t", "t"))
            + "}}";
    String computed = sub("dyn", "${workflow.input.flow}", null);
    file("workflows/p.json", workflow("p", 1, inlineSub + "," + computed));
    MissingOutcome report =
        check(List.of(), remote(workflow("p", 1, inlineSub + "," + computed)), remote());
    assertThat(report.anyMissing()).isFalse();
  }

  @Test
  void failsWhenSimpleTaskHasNoTaskDefinitionOnServer() throws IOException {
    file(
        "workflows/order.json",
        workflow(
            "order_flow",
            3,
            simple("fetch_url", "fetch_ref") + "," + simple("summarize", "sum_ref")));
    file("tasks/fetch_url.json", taskDef("fetch_url", 2));
    MissingOutcome report =
        check(
            List.of(),
            remote(
                workflow(
                    "order_flow",
                    3,
                    simple("fetch_url", "fetch_ref") + "," + simple("summarize", "sum_ref"))),
            remote());

    assertThat(report.missingLines())
        .containsExactly(
            "Missing task definitions: fetch_url, summarize",
            "  fetch_url: defined in idflow/tasks/fetch_url.json; used by order_flow v3 (task ref"
                + " fetch_ref)",
            "  summarize: used by order_flow v3 (task ref sum_ref); not in local files: add"
                + " idflow/tasks/summarize.json, or an inline taskDefinition",
            MissingOutcome.DEFAULT_TASK_NOTE,
            "Run 'mvn idflow:sync-tasks' to upload missing task definitions");
    assertThat(MissingOutcome.DEFAULT_TASK_NOTE).contains("default retries and timeouts");
    RunReport.Entry entry =
        policy(report, true, false).entries().stream()
            .filter(e -> e.name().equals("summarize"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.failed()).isTrue();
    assertThat(entry.outcome()).isEqualTo("missing");
    assertThat(entry.detail()).contains("default retries and timeouts");
  }

  @Test
  void inlineTaskDefinitionIsNotMissing() throws IOException {
    file("workflows/w.json", workflow("w", 1, inline("adhoc", "adhoc_ref")));
    MissingOutcome report =
        check(List.of(), remote(workflow("w", 1, inline("adhoc", "adhoc_ref"))), remote());
    assertThat(report.anyMissing()).isFalse();
    assertThat(report.tasks()).isEmpty();
    assertThat(report.simpleTasks()).isEqualTo(1);
  }

  @Test
  void simpleTaskNestedInSwitchIsChecked() throws IOException {
    String sw =
        "{\"name\":\"sw\",\"taskReferenceName\":\"sw_ref\",\"type\":\"SWITCH\",\"evaluatorType\":\"value-param\","
            + "\"expression\":\"k\",\"inputParameters\":{\"k\":\"a\"},\"decisionCases\":{\"a\":["
            + simple("deep", "deep_ref")
            + "]}}";
    file("workflows/w.json", workflow("w", 1, sw));
    MissingOutcome report = check(List.of(), remote(workflow("w", 1, sw)), remote());
    assertThat(report.missingTasks()).extracting(Need::name).containsExactly("deep");
    assertThat(report.missingTasks().get(0).neededBy())
        .containsExactly("used by w v1 (task ref deep_ref)");
  }

  @Test
  void failsWhenRequiredWorkflowIsMissing() throws IOException {
    file("workflows/w.json", workflow("w", 1, inline("t", "t")));
    MissingOutcome report =
        check(
            RequiredWorkflow.parse("payments, refunds:2, audit"),
            remote(
                workflow("w", 1, inline("t", "t")),
                workflow("refunds", 1, simple("x", "x")),
                workflow("audit", 7, simple("x", "x"))),
            remote());

    assertThat(report.missingLines())
        .containsExactly(
            "Missing workflows: payments, refunds v2",
            "  payments: listed in idflow.requiredWorkflows; not in local files: deploy it from the"
                + " project that defines it",
            "  refunds v2: listed in idflow.requiredWorkflows; not in local files: deploy it from"
                + " the project that defines it");
  }

  @Test
  void driftFailsOnlyUnderFailOnDriftAndNamesThePaths() throws IOException {
    file(
        "workflows/flow.json",
        "{\"name\":\"flow\",\"version\":1,\"schemaVersion\":2,\"timeoutSeconds\":200,\"tasks\":["
            + inline("t", "t")
            + "]}");
    file("tasks/fetch.json", taskDef("fetch", 5));
    MissingOutcome report =
        check(
            List.of(),
            remote(
                "{\"name\":\"flow\",\"version\":1,\"schemaVersion\":2,\"timeoutSeconds\":100,\"tasks\":["
                    + inline("t", "t")
                    + "]}"),
            remote(taskDef("fetch", 4)));

    assertThat(report.anyMissing()).isFalse();
    assertThat(policy(report, true, false).failure().map(Failure::message)).isEmpty();
    assertThat(policy(report, true, true).failure().map(Failure::message))
        .hasValueSatisfying(
            m ->
                assertThat(m.lines().toList())
                    .containsExactly(
                        "Drift: 1 workflow and 1 task definition differ from Conductor at the same"
                            + " version (failOnDrift=true); remote -> local:",
                        "  workflow flow v1 (idflow/workflows/flow.json)",
                        "    /timeoutSeconds: 100 -> 200",
                        "  task fetch (idflow/tasks/fetch.json)",
                        "    /retryCount: 4 -> 5",
                        "Bump the workflow version, or replace the server's copy with 'mvn"
                            + " idflow:upload-workflows -Didflow.onDrift=overwrite' (workflows) or"
                            + " 'mvn idflow:sync-tasks' (task definitions)"));
    assertThat(policy(report, true, false).entries())
        .filteredOn(e -> e.outcome().equals("drifted"))
        .hasSize(2)
        .noneMatch(RunReport.Entry::failed);
    assertThat(policy(report, true, true).entries())
        .filteredOn(e -> e.outcome().equals("drifted"))
        .hasSize(2)
        .allMatch(RunReport.Entry::failed);
    assertThat(report.summary())
        .endsWith("; 1 workflow and 1 task definition differ from Conductor at the same version");
  }

  @Test
  void serverDefaultsAndAuditFieldsAreNotDrift() throws IOException {
    file("workflows/flow.json", workflow("flow", 1, inline("t", "t")));
    ObjectNode stored = remote(workflow("flow", 1, inline("t", "t"))).get(0);
    stored.put("createTime", 1700000000000L).put("restartable", true).put("timeoutSeconds", 0);
    MissingOutcome report = check(List.of(), List.of(stored), remote());
    assertThat(report.drifted()).isEmpty();
  }

  @Test
  void unusedLocalTaskDefinitionIsReportedButNotMissing() throws IOException {
    file("tasks/spare.json", taskDef("spare", 1));
    MissingOutcome report = check(List.of(), remote(), remote());
    assertThat(report.anyMissing()).isFalse();
    assertThat(policy(report, true, true).entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("unused");
              assertThat(e.failed()).isFalse();
            });
  }

  @Test
  void everythingMissingAtOnceIsListedInOneFailure() throws IOException {
    file("workflows/a.json", workflow("a", 1, simple("t1", "r1") + "," + sub("s", "b", 1)));
    MissingOutcome report = check(RequiredWorkflow.parse("c"), remote(), remote());
    String message = policy(report, true, false).failure().map(Failure::message).orElseThrow();
    assertThat(message)
        .contains(
            "Missing workflows: a v1, b v1, c",
            "Missing task definitions: t1",
            "Run 'mvn idflow:upload-workflows' to upload missing workflows");
    assertThat(report.summary())
        .startsWith("4 definitions missing in Conductor (3 workflows, 1 task definition): ");
  }

  @Test
  void requiredWorkflowsParseNamesAndVersions() {
    assertThat(RequiredWorkflow.parse(" a , b:2 ,"))
        .containsExactly(new RequiredWorkflow("a", null), new RequiredWorkflow("b", 2));
    assertThat(RequiredWorkflow.parse(null)).isEmpty();
    assertThatThrownBy(() -> RequiredWorkflow.parse("a:two"))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("'a:two'");
  }

  @Test
  void aSecretOrEnvironmentValueTheServerLacksIsMissing() throws IOException {
    String task =
        "{\"name\":\"call\",\"taskReferenceName\":\"call_ref\",\"type\":\"HTTP\",\"inputParameters\":"
            + "{\"http_request\":{\"uri\":\"https://${workflow.env.API_HOST}/x\",\"method\":\"GET\",\"headers\":{\"Authorization\":\"Bearer"
            + " ${workflow.secrets.API_TOKEN}\"}}}}";
    file("workflows/w.json", workflow("w", 1, task));
    MissingOutcome report =
        CheckMissing.evaluate(
            load(),
            new CheckMissing.Options(List.of(), true, false, null, false),
            RemoteDefinitions.of(
                Map.of(Kind.WORKFLOW, remote(workflow("w", 1, task)), Kind.TASK, remote())),
            new CheckMissing.ServerNames(
                Optional.of(List.of("OTHER")), Optional.of(List.of("API_HOST"))));

    assertThat(report.missingLines())
        .containsExactly(
            "Missing secrets and environment values: secret API_TOKEN",
            "  secret API_TOKEN: used by w v1 at"
                + " /tasks/0/inputParameters/http_request/headers/Authorization"
                + " (idflow/workflows/w.json)",
            "Conductor drops a value it lacks at run time, with a line in its log only. Add them to"
                + " the server: conductor-oss reads CONDUCTOR_SECRET_<NAME> and"
                + " CONDUCTOR_ENV_<NAME> from its environment");
    assertThat(report.summary())
        .isEqualTo(
            "1 definition missing in Conductor (0 workflows, 0 task definitions, 1 secret or"
                + " environment value): checked 1 local workflow, 0 required workflows, 0"
                + " sub-workflow references, 0 SIMPLE tasks, 0 local task definitions and 2 secret"
                + " or environment values");
    assertThat(report.entries())
        .filteredOn(e -> !e.kind().equals("workflow"))
        .extracting(RunReport.Entry::kind, RunReport.Entry::name, RunReport.Entry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("env", "API_HOST", "present"),
            org.assertj.core.groups.Tuple.tuple("secret", "API_TOKEN", "missing"));
  }

  @Test
  void aServerWithoutTheEndpointsSaysTheCheckWasSkipped() throws IOException {
    String task =
        "{\"name\":\"i\",\"taskReferenceName\":\"i_ref\",\"type\":\"INLINE\",\"inputParameters\":"
            + "{\"evaluatorType\":\"graaljs\",\"expression\":\"1\",\"k\":\"${workflow.secrets.KEY}\"}}";
    file("workflows/w.json", workflow("w", 1, task));
    MissingOutcome report =
        CheckMissing.evaluate(
            load(),
            new CheckMissing.Options(List.of(), true, false, null, false),
            RemoteDefinitions.of(
                Map.of(Kind.WORKFLOW, remote(workflow("w", 1, task)), Kind.TASK, remote())));

    assertThat(report.anyMissing()).isFalse();
    assertThat(report.unchecked())
        .containsExactly(
            "Secrets the workflows read were not checked: the server has no /api/secrets"
                + " (conductor-oss before 3.31)");
  }
}
