package io.idflow.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.DefinitionValidator;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written definitions, one or more per rule of Conductor 3.32.3 that the plugin checks
 * offline, each both ways (accepted, rejected): the plugin's verdict (errors or none) must be the
 * real server's. Workflows go to {@code POST /api/metadata/workflow/validate}, task definitions to
 * {@code POST /api/metadata/taskdefs}. The server is empty: no task definition it could look up by
 * name.
 *
 * <p>The documented exceptions are the cases whose verdict depends on what the server holds: an
 * HTTP, KAFKA_PUBLISH or JSON_JQ_TRANSFORM task without its request may take it from a task
 * definition of its name; the server looks it up, the plugin cannot, and warns instead.
 */
class ValidationAgreementIT {

  @TempDir Path work;

  /**
   * A definition, what the server is expected to say of it, and whether the plugin only warns (an
   * exception).
   */
  private record Case(
      String name, Kind kind, String json, boolean serverRejects, boolean pluginOnlyWarns) {}

  private final List<Case> cases = new ArrayList<>();

  private void accepted(String name, String json) {
    cases.add(new Case(name, kind(json), json, false, false));
  }

  private void rejected(String name, String json) {
    cases.add(new Case(name, kind(json), json, true, false));
  }

  /**
   * The server rejects it for want of a task definition it holds; the plugin cannot know and warns.
   */
  private void dependsOnTheServer(String name, String json) {
    cases.add(new Case(name, kind(json), json, true, true));
  }

  private static Kind kind(String json) {
    return json.contains("\"tasks\"") ? Kind.WORKFLOW : Kind.TASK;
  }

  private static String wf(String... tasks) {
    return wfNamed("w", tasks);
  }

  private static String wfNamed(String name, String... tasks) {
    return "{\"name\":\""
        + name
        + "\",\"ownerEmail\":\"team@example.com\",\"tasks\":["
        + String.join(",", tasks)
        + "]}";
  }

  private static String t(String ref, String type, String more) {
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

  private static String inputs(String json) {
    return "\"inputParameters\":" + json;
  }

  private void defineCases() {
    // conductor-common 3.15's checks that 3.32.3 dropped
    accepted(
        "ownerEmail admin-user",
        "{\"name\":\"w\",\"ownerEmail\":\"admin-user\",\"tasks\":[" + t("a", "SIMPLE", "") + "]}");
    accepted(
        "task ownerEmail admin-user",
        "{\"name\":\"agreement_task_owner\",\"ownerEmail\":\"admin-user\"}");
    accepted("colon in workflow name", wfNamed("team:w", t("a", "SIMPLE", "")));
    accepted("sub-workflow without a name", wf(t("s", "SUB_WORKFLOW", "\"subWorkflowParam\":{}")));
    accepted(
        "workflowDefinition expression",
        wf(
            t(
                "s",
                "SUB_WORKFLOW",
                "\"subWorkflowParam\":{\"workflowDefinition\":\"${workflow.input.d}\"}")));
    rejected(
        "workflowDefinition plain string",
        wf(t("s", "SUB_WORKFLOW", "\"subWorkflowParam\":{\"workflowDefinition\":\"child\"}")));
    // task definition fields 3.15 does not know
    rejected(
        "maxRetryDelaySeconds negative",
        "{\"name\":\"agreement_task_delay\",\"maxRetryDelaySeconds\":-1}");
    rejected(
        "totalTimeoutSeconds negative",
        "{\"name\":\"agreement_task_total\",\"totalTimeoutSeconds\":-2}");
    rejected(
        "timeout over totalTimeout",
        "{\"name\":\"agreement_task_over\",\"timeoutSeconds\":60,\"responseTimeoutSeconds\":10,\"totalTimeoutSeconds\":30}");
    accepted(
        "timeout within totalTimeout",
        "{\"name\":\"agreement_task_within\",\"timeoutSeconds\":30,\"responseTimeoutSeconds\":10,\"totalTimeoutSeconds\":60}");

    // per task type
    rejected("EVENT without sink", wf(t("e", "EVENT", "")));
    accepted("EVENT with an empty sink", wf(t("e", "EVENT", "\"sink\":\"\"")));
    rejected(
        "DECISION without case parameter", wf(t("d", "DECISION", "\"decisionCases\":{\"a\":[]}")));
    rejected("DECISION without cases", wf(t("d", "DECISION", "\"caseValueParam\":\"k\"")));
    accepted(
        "DECISION with a case param",
        wf(t("d", "DECISION", "\"caseValueParam\":\"k\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "DECISION caseExpression syntax",
        wf(t("d", "DECISION", "\"caseExpression\":\"a +* (\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "DECISION caseExpression unclosed string",
        wf(t("d", "DECISION", "\"caseExpression\":\"$.a == 'x\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "DECISION caseExpression top-level return",
        wf(t("d", "DECISION", "\"caseExpression\":\"return 1\",\"decisionCases\":{\"a\":[]}")));
    accepted(
        "DECISION caseExpression",
        wf(
            t(
                "d",
                "DECISION",
                "\"caseExpression\":\"(function(){ return $.a == 'x' ? 'a' : 'b';"
                    + " })()\",\"decisionCases\":{\"a\":[]}")));
    accepted(
        "DECISION caseExpression with a regex",
        wf(
            t(
                "d",
                "DECISION",
                "\"caseExpression\":\"/[(]/.test($.a) ? 'a' :"
                    + " 'b'\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "SWITCH without evaluatorType",
        wf(t("s", "SWITCH", "\"expression\":\"k\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "SWITCH without expression",
        wf(t("s", "SWITCH", "\"evaluatorType\":\"value-param\",\"decisionCases\":{\"a\":[]}")));
    rejected(
        "SWITCH with empty cases",
        wf(
            t(
                "s",
                "SWITCH",
                "\"evaluatorType\":\"value-param\",\"expression\":\"k\",\"decisionCases\":{}")));
    rejected(
        "SWITCH javascript syntax",
        wf(
            t(
                "s",
                "SWITCH",
                "\"evaluatorType\":\"javascript\",\"expression\":\"$.a"
                    + " ==\",\"decisionCases\":{\"a\":[]}")));
    accepted(
        "SWITCH graaljs not parsed",
        wf(
            t(
                "s",
                "SWITCH",
                "\"evaluatorType\":\"graaljs\",\"expression\":\"$.a"
                    + " ==\",\"decisionCases\":{\"a\":[]}")));
    accepted(
        "SWITCH value-param",
        wf(
            t(
                "s",
                "SWITCH",
                "\"evaluatorType\":\"value-param\",\"expression\":\"k\",\"decisionCases\":{\"a\":[]}")));
    rejected("DYNAMIC without dynamicTaskNameParam", wf(t("d", "DYNAMIC", "")));
    accepted("DYNAMIC", wf(t("d", "DYNAMIC", "\"dynamicTaskNameParam\":\"n\"")));
    rejected("FORK_JOIN_DYNAMIC without params", wf(t("f", "FORK_JOIN_DYNAMIC", "")));
    rejected(
        "FORK_JOIN_DYNAMIC with one of the pair",
        wf(t("f", "FORK_JOIN_DYNAMIC", "\"dynamicForkTasksParam\":\"b\"")));
    rejected(
        "FORK_JOIN_DYNAMIC legacy and pair",
        wf(
            t(
                "f",
                "FORK_JOIN_DYNAMIC",
                "\"dynamicForkJoinTasksParam\":\"a\",\"dynamicForkTasksParam\":\"b\"")));
    accepted(
        "FORK_JOIN_DYNAMIC legacy",
        wf(t("f", "FORK_JOIN_DYNAMIC", "\"dynamicForkJoinTasksParam\":\"a\"")));
    accepted(
        "FORK_JOIN_DYNAMIC pair",
        wf(
            t(
                "f",
                "FORK_JOIN_DYNAMIC",
                "\"dynamicForkTasksParam\":\"a\",\"dynamicForkTasksInputParamName\":\"b\"")));
    accepted(
        "FORK_JOIN_DYNAMIC forkTaskInputs",
        wf(t("f", "FORK_JOIN_DYNAMIC", inputs("{\"forkTaskInputs\":[]}"))));
    dependsOnTheServer("HTTP without request", wf(t("h", "HTTP", "")));
    rejected(
        "HTTP with inline definition without template",
        wf(t("h", "HTTP", "\"taskDefinition\":{\"name\":\"h\"}")));
    accepted(
        "HTTP with inline template",
        wf(
            t(
                "h",
                "HTTP",
                "\"taskDefinition\":{\"name\":\"h\",\"inputTemplate\":{\"http_request\":{}}}")));
    accepted("HTTP with uri", wf(t("h", "HTTP", inputs("{\"uri\":\"http://example.com\"}"))));
    accepted("HTTP with method", wf(t("h", "HTTP", inputs("{\"method\":\"GET\"}"))));
    accepted("HTTP with null http_request", wf(t("h", "HTTP", inputs("{\"http_request\":null}"))));
    rejected("FORK_JOIN with no branch", wf(t("f", "FORK_JOIN", "\"forkTasks\":[]")));
    rejected("FORK_JOIN without forkTasks", wf(t("f", "FORK_JOIN", "")));
    accepted("FORK_JOIN with an empty branch", wf(t("f", "FORK_JOIN", "\"forkTasks\":[[]]")));
    rejected(
        "TERMINATE optional",
        wf(
            t(
                "x",
                "TERMINATE",
                "\"optional\":true," + inputs("{\"terminationStatus\":\"COMPLETED\"}"))));
    rejected(
        "TERMINATE lowercase status",
        wf(t("x", "TERMINATE", inputs("{\"terminationStatus\":\"completed\"}"))));
    rejected(
        "TERMINATE status expression",
        wf(t("x", "TERMINATE", inputs("{\"terminationStatus\":\"${workflow.input.s}\"}"))));
    accepted(
        "TERMINATE TERMINATED",
        wf(t("x", "TERMINATE", inputs("{\"terminationStatus\":\"TERMINATED\"}"))));
    dependsOnTheServer("KAFKA_PUBLISH without request", wf(t("k", "KAFKA_PUBLISH", "")));
    rejected(
        "KAFKA_PUBLISH with inline definition without template",
        wf(t("k", "KAFKA_PUBLISH", "\"taskDefinition\":{\"name\":\"k\"}")));
    accepted("KAFKA_PUBLISH", wf(t("k", "KAFKA_PUBLISH", inputs("{\"kafka_request\":{}}"))));
    rejected("DO_WHILE without condition and tasks", wf(t("l", "DO_WHILE", "")));
    rejected(
        "DO_WHILE with no tasks", wf(t("l", "DO_WHILE", "\"loopCondition\":\"\",\"loopOver\":[]")));
    accepted(
        "DO_WHILE",
        wf(
            t(
                "l",
                "DO_WHILE",
                "\"loopCondition\":\"false\",\"loopOver\":[" + t("a", "SIMPLE", "") + "]")));
    accepted(
        "DO_WHILE holding a task the server does not check by type",
        wf(
            t(
                "l",
                "DO_WHILE",
                "\"loopCondition\":\"false\",\"loopOver\":[" + t("e", "EVENT", "") + "]")));
    rejected("SUB_WORKFLOW without subWorkflowParam", wf(t("s", "SUB_WORKFLOW", "")));
    dependsOnTheServer("JSON_JQ_TRANSFORM without query", wf(t("j", "JSON_JQ_TRANSFORM", "")));
    rejected(
        "JSON_JQ_TRANSFORM with inline definition without template",
        wf(t("j", "JSON_JQ_TRANSFORM", "\"taskDefinition\":{\"name\":\"j\"}")));
    accepted(
        "JSON_JQ_TRANSFORM",
        wf(t("j", "JSON_JQ_TRANSFORM", inputs("{\"queryExpression\":\".\"}"))));
    rejected(
        "WAIT with duration and until",
        wf(t("w", "WAIT", inputs("{\"duration\":\"5 mins\",\"until\":\"2030-01-01\"}"))));
    rejected("WAIT duration in years", wf(t("w", "WAIT", inputs("{\"duration\":\"5 years\"}"))));
    rejected("WAIT duration as a number", wf(t("w", "WAIT", inputs("{\"duration\":5}"))));
    rejected(
        "WAIT duration too big", wf(t("w", "WAIT", inputs("{\"duration\":\"99999999999 s\"}"))));
    rejected("WAIT until tomorrow", wf(t("w", "WAIT", inputs("{\"until\":\"tomorrow\"}"))));
    rejected(
        "WAIT until in ISO form", wf(t("w", "WAIT", inputs("{\"until\":\"2030-01-01T10:00\"}"))));
    accepted("WAIT duration", wf(t("w", "WAIT", inputs("{\"duration\":\"1d2h3m4s\"}"))));
    accepted(
        "WAIT duration in words", wf(t("w", "WAIT", inputs("{\"duration\":\"2 days 3 hours\"}"))));
    accepted(
        "WAIT duration expression",
        wf(t("w", "WAIT", inputs("{\"duration\":\"${workflow.input.d}\"}"))));
    accepted(
        "WAIT until with a zone",
        wf(t("w", "WAIT", inputs("{\"until\":\"2030-01-01 10:00 UTC\"}"))));
    accepted("WAIT until month 13", wf(t("w", "WAIT", inputs("{\"until\":\"2030-13-45\"}"))));
    accepted("WAIT blank duration", wf(t("w", "WAIT", inputs("{\"duration\":\"  \"}"))));

    // input expressions
    rejected(
        "expression with three dots",
        wf(
            t("get_es_1", "SIMPLE", ""),
            t("b", "SIMPLE", inputs("{\"statuses\":\"${get_es_1.output...status}\"}"))));
    rejected(
        "expression with a blank in a name",
        wf(t("a", "SIMPLE", inputs("{\"x\":\"${workflow.input.my value}\"}"))));
    rejected(
        "expression starting with a blank",
        wf(t("a", "SIMPLE", inputs("{\"x\":\"${ workflow.input.x}\"}"))));
    rejected(
        "expression ending with a dot",
        wf(t("a", "SIMPLE", inputs("{\"x\":\"${workflow.input.}\"}"))));
    rejected("empty expression", wf(t("a", "SIMPLE", inputs("{\"x\":\"${}\"}"))));
    accepted(
        "expression with a trailing blank",
        wf(t("a", "SIMPLE", inputs("{\"x\":\"${workflow.input.x }\"}"))));
    accepted(
        "expression with bracket and deep scan",
        wf(t("a", "SIMPLE", inputs("{\"x\":\"${workflow.input['my value']..id}\"}"))));
    accepted(
        "expression with index",
        wf(t("a", "SIMPLE", ""), t("b", "SIMPLE", inputs("{\"x\":\"${a.output.items[0].id}\"}"))));
    rejected(
        "expression naming an unknown task",
        wf(t("a", "SIMPLE", inputs("{\"x\":[{\"y\":\"${nope.output.x}\"}]}"))));
    accepted(
        "expression naming a task inside a loop",
        wf(
            t(
                "l",
                "DO_WHILE",
                "\"loopCondition\":\"false\",\"loopOver\":[" + t("in_loop", "SIMPLE", "") + "]"),
            t("b", "SIMPLE", inputs("{\"x\":\"${in_loop.output.x}\"}"))));
    rejected(
        "expression naming a task the server does not look into",
        wf(
            t("odd", "SIMPLE", "\"forkTasks\":[[" + t("hidden", "SIMPLE", "") + "]]"),
            t("b", "SIMPLE", inputs("{\"x\":\"${hidden.output.x}\"}"))));
    accepted(
        "nested task inputs are not checked",
        wf(
            t(
                "f",
                "FORK_JOIN",
                "\"forkTasks\":[["
                    + t("n", "SIMPLE", inputs("{\"x\":\"${nope.output}\"}"))
                    + "]]")));
    accepted("system property", wf(t("a", "SIMPLE", inputs("{\"x\":\"${java.version}\"}"))));
    accepted("system parameter", wf(t("a", "SIMPLE", inputs("{\"x\":\"${CPEWF_TASK_ID}\"}"))));
  }

  @Test
  @Timeout(600)
  void thePluginsVerdictIsTheServers() throws Exception {
    defineCases();
    Path serverWork = work.resolve("server");
    RunningServer server = RealServer.start(serverWork);
    List<String> disagreements = new ArrayList<>();
    try (ConductorClient client = ConductorClient.builder(server.url()).retries(0).build()) {
      for (Case c : cases) {
        String serverSays = serverVerdict(client, c);
        LocalDefinitions plugin = pluginVerdict(c);
        String pluginSays =
            plugin.errors().stream().map(Problem::toString).collect(Collectors.joining(" | "));
        boolean pluginRejects = plugin.hasErrors();
        boolean serverRejects = serverSays != null;
        boolean expectedPlugin = c.pluginOnlyWarns() ? false : c.serverRejects();
        if (serverRejects != c.serverRejects()
            || pluginRejects != expectedPlugin
            || c.pluginOnlyWarns() && plugin.warnings().isEmpty()) {
          disagreements.add(
              c.name()
                  + ": server "
                  + (serverRejects ? "rejects (" + serverSays + ")" : "accepts")
                  + ", expected "
                  + (c.serverRejects() ? "rejects" : "accepts")
                  + "; plugin "
                  + (pluginRejects
                      ? "rejects (" + pluginSays + ")"
                      : "accepts"
                          + (plugin.warnings().isEmpty()
                              ? ""
                              : " with warnings " + plugin.warnings())));
        }
      }
    } finally {
      new ServerStopper().stop(serverWork, Duration.ofSeconds(30));
    }
    assertThat(cases).hasSizeGreaterThan(60);
    assertThat(disagreements)
        .as("cases where the plugin's offline verdict is not the server's")
        .isEmpty();
  }

  /** Null when the server accepts the definition, else its answer. */
  private static String serverVerdict(ConductorClient client, Case c) throws IOException {
    ObjectNode json = (ObjectNode) Json.mapper().readTree(c.json());
    try {
      if (c.kind() == Kind.WORKFLOW) {
        client.validateWorkflowDef(json);
      } else {
        client.createTaskDefs(List.of(json));
      }
      return null;
    } catch (ConductorException e) {
      // A rejection: 400 with the validation errors, or 500 when the body does not even map (a
      // setter refuses it).
      boolean mappingFailure = e.status() == 500 && e.getMessage().contains("JSON parse error");
      if (e.status() != 400 && !mappingFailure) {
        throw e;
      }
      return e.status()
          + " "
          + (e.validationErrors().isEmpty() ? e.getMessage() : e.validationErrors().toString());
    }
  }

  private LocalDefinitions pluginVerdict(Case c) throws IOException {
    Path dir = Files.createTempDirectory(work, "case").resolve("idflow");
    Path file = dir.resolve(c.kind().folder()).resolve("d.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, c.json());
    LocalDefinitions loaded = DefinitionLoader.load(dir);
    assertThat(loaded.problems()).as(c.name() + ": loading problems").isEmpty();
    return new DefinitionValidator(false).validate(loaded);
  }
}
