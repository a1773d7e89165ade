package io.idflow.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.remote.RemoteDefinitions;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerStopper;
import io.idflow.corpus.RealServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conductor-model.json} against the real server it describes: every field it lists is
 * stored, the server returns no field it does not list, and the defaults it names are the values
 * the server fills in.
 */
class ServerModelIT {
  private static final ServerModel MODEL = ServerModel.conductorOss();

  @TempDir static Path work;
  private static RunningServer server;
  private static ConductorClient client;

  /** Every field of every kind set, to a value other than its default. */
  private static final String FULL_WORKFLOW =
      """
      {"name": "model_full", "description": "d", "version": 3, "ownerEmail": "model@example.com", "ownerApp": "app",
       "inputParameters": ["a"], "outputParameters": {"o": "${t.output.x}"}, "failureWorkflow": "fail_flow", "failureWorkflowVersion": 2,
       "schemaVersion": 2, "restartable": false, "workflowStatusListenerEnabled": true, "workflowStatusListenerSink": "sink",
       "timeoutPolicy": "TIME_OUT_WF", "timeoutSeconds": 60, "variables": {"v": 1}, "inputTemplate": {"a": 1},
       "rateLimitConfig": {"rateLimitKey": "k", "concurrentExecLimit": 2, "policy": "REJECT"},
       "inputSchema": {"name": "in", "version": 2, "type": "JSON", "data": {"type": "object"}, "externalRef": "r", "ownerApp": "app"},
       "outputSchema": {"name": "out"}, "enforceSchema": false, "metadata": {"m": 1}, "cacheConfig": {"key": "k", "ttlInSecond": 5},
       "maskedFields": ["secret"],
       "tasks": [
        {"name": "t", "taskReferenceName": "t", "description": "d", "type": "SIMPLE", "inputParameters": {"x": 1}, "startDelay": 1,
         "optional": true, "rateLimited": true, "asyncComplete": true, "retryCount": 1, "permissive": true, "metadata": {"m": 1},
         "cacheConfig": {"key": "k", "ttlInSecond": 1}, "onStateChange": {"onStart": [{"type": "e", "payload": {"p": 1}}]},
         "taskDefinition": {"name": "t", "description": "d", "retryCount": 1, "timeoutSeconds": 100, "inputKeys": ["i"], "outputKeys": ["o"],
           "runtimeMetadata": ["r"], "timeoutPolicy": "RETRY", "retryLogic": "EXPONENTIAL_BACKOFF", "retryDelaySeconds": 1,
           "responseTimeoutSeconds": 10, "concurrentExecLimit": 1, "inputTemplate": {"a": 1}, "rateLimitPerFrequency": 1,
           "rateLimitFrequencyInSeconds": 2, "isolationGroupId": "g", "executionNameSpace": "n", "ownerEmail": "model@example.com",
           "ownerApp": "app", "pollTimeoutSeconds": 5, "backoffScaleFactor": 2, "maxRetryDelaySeconds": 3, "backoffJitterMs": 4,
           "baseType": "b", "totalTimeoutSeconds": 200, "taskStatusListenerEnabled": false, "inputSchema": {"name": "tin"},
           "outputSchema": {"name": "tout"}, "enforceSchema": true}},
        {"name": "route", "taskReferenceName": "route", "type": "DECISION", "caseValueParam": "c", "caseExpression": "e",
         "scriptExpression": "s", "sink": "conductor", "evaluatorType": "value-param", "expression": "c", "joinStatus": "j",
         "joinMode": "SYNC", "items": "i", "loopCondition": "false", "dynamicTaskNameParam": "d", "dynamicForkJoinTasksParam": "f",
         "dynamicForkTasksParam": "p", "dynamicForkTasksInputParamName": "q", "joinOn": ["t"], "defaultExclusiveJoinTask": ["t"],
         "inputParameters": {"c": "${workflow.input.a}"},
         "decisionCases": {"x": [{"name": "u", "taskReferenceName": "u"}]},
         "defaultCase": [{"name": "v", "taskReferenceName": "v"}],
         "loopOver": [{"name": "w", "taskReferenceName": "w"}],
         "forkTasks": [[{"name": "y", "taskReferenceName": "y"}]]},
        {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW",
         "subWorkflowParam": {"name": "inner", "version": 4, "taskToDomain": {"*": "d"}, "idempotencyKey": "k",
           "idempotencyStrategy": "FAIL", "priority": 2,
           "workflowDefinition": {"name": "inner", "version": 4, "tasks": [{"name": "z", "taskReferenceName": "z"}]}}}]}\
      """;

  private static final String FULL_TASK =
      """
      {"name": "model_task", "description": "d", "retryCount": 1, "timeoutSeconds": 100, "inputKeys": ["i"], "outputKeys": ["o"],
       "runtimeMetadata": ["r"], "timeoutPolicy": "RETRY", "retryLogic": "LINEAR_BACKOFF", "retryDelaySeconds": 1,
       "responseTimeoutSeconds": 10, "concurrentExecLimit": 1, "inputTemplate": {"a": 1}, "rateLimitPerFrequency": 1,
       "rateLimitFrequencyInSeconds": 2, "isolationGroupId": "g", "executionNameSpace": "n", "ownerEmail": "model@example.com",
       "ownerApp": "app", "pollTimeoutSeconds": 5, "backoffScaleFactor": 2, "maxRetryDelaySeconds": 3, "backoffJitterMs": 4,
       "baseType": "b", "totalTimeoutSeconds": 200, "taskStatusListenerEnabled": false, "inputSchema": {"name": "tin"},
       "enforceSchema": true}\
      """;

  private static final String FULL_HANDLER =
      """
      {"name": "model_handler", "event": "conductor:model_full:done", "condition": "$.ok", "active": true,
       "evaluatorType": "javascript",
       "actions": [
        {"action": "start_workflow", "expandInlineJSON": true, "start_workflow": {"name": "model_full", "version": 3,
          "correlationId": "c", "input": {"a": 1}, "taskToDomain": {"*": "d"}}},
        {"action": "complete_task", "complete_task": {"workflowId": "w", "taskRefName": "t", "output": {"o": 1},
          "taskId": "i", "reasonForIncompletion": "r"}},
        {"action": "fail_task", "fail_task": {"workflowId": "w", "taskRefName": "t"}},
        {"action": "terminate_workflow", "terminate_workflow": {"workflowId": "w", "terminationReason": "r"}},
        {"action": "update_workflow_variables", "update_workflow_variables": {"workflowId": "w", "variables": {"v": 1}}},
        {"action": "start_agent", "start_agent": {"name": "agent"}}]}\
      """;

  private static final String MINIMAL_HANDLER =
      """
      {"name": "model_min_handler", "event": "conductor:a:b",
       "actions": [{"action": "start_workflow", "start_workflow": {"name": "x"}},
                   {"action": "complete_task", "complete_task": {"workflowId": "w", "taskRefName": "t"}}]}\
      """;

  private static final String FULL_SCHEDULE =
      """
      {"name": "model_schedule", "cronExpression": "0 0 9 * * MON-FRI", "runCatchupScheduleInstances": true, "paused": true,
       "pausedReason": "r", "zoneId": "Europe/Berlin", "cronSchedules": [{"cronExpression": "0 0 10 * * *"}],
       "scheduleStartTime": 1700000000000, "scheduleEndTime": 4102444800000, "description": "d",
       "startWorkflowRequest": {"name": "model_full", "version": 3, "correlationId": "c", "input": {"a": 1},
         "taskToDomain": {"*": "d"}, "workflowDef": {"name": "model_full"}, "externalInputPayloadStoragePath": "p",
         "priority": 2, "createdBy": "u", "idempotencyKey": "k", "idempotencyStrategy": "FAIL"}}\
      """;

  private static final String MINIMAL_SCHEDULE =
      """
      {"name": "model_min_schedule", "cronExpression": "0 0 9 * * *", "startWorkflowRequest": {"name": "model_min"}}\
      """;

  /** Only what each kind needs, so that the server fills in the rest. */
  private static final String MINIMAL_WORKFLOW =
      """
      {"name": "model_min", "rateLimitConfig": {"rateLimitKey": "k"}, "inputSchema": {"name": "s"}, "cacheConfig": {"key": "k"},
       "tasks": [{"name": "t", "taskReferenceName": "t", "taskDefinition": {"name": "t"}, "cacheConfig": {"key": "k"},
         "onStateChange": {"onStart": [{"type": "e"}]}},
        {"name": "s", "taskReferenceName": "s", "type": "SUB_WORKFLOW",
         "subWorkflowParam": {"name": "other", "workflowDefinition": {"name": "inner_min", "tasks": [{"name": "z", "taskReferenceName": "z"}]}}}]}\
      """;

  @BeforeAll
  static void start() throws Exception {
    server = RealServer.start(work);
    client = ConductorClient.create(server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    new ServerStopper().stop(work, Duration.ofSeconds(30));
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) Json.mapper().readTree(text);
  }

  private static List<ObjectNode> objects(Kind kind, ObjectNode def) {
    List<ObjectNode> out = new ArrayList<>();
    MODEL.forEachObject(kind, def, (k, node) -> out.add(node));
    return out;
  }

  /** The fields seen per kind in {@code def}. */
  private static Map<String, Set<String>> fieldsByKind(Kind kind, ObjectNode def) {
    Map<String, Set<String>> seen = new HashMap<>();
    MODEL.forEachObject(
        kind,
        def,
        (k, node) ->
            node.fieldNames()
                .forEachRemaining(f -> seen.computeIfAbsent(k, x -> new TreeSet<>()).add(f)));
    return seen;
  }

  /**
   * The narrower reads of a shared server (the names and versions, then each wanted body) give
   * exactly what the one listing gives.
   */
  @Test
  void theProjectsWorkflowsReadApartAreTheListingsOwn() throws Exception {
    List<ObjectNode> defs = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      for (int v = 1; v <= 4; v++) {
        defs.add(
            json(
                "{\"name\": \"model_other_"
                    + n
                    + "\", \"version\": "
                    + v
                    + ", \"tasks\": [{\"name\": \"t\", \"taskReferenceName\": \"t\"}]}"));
      }
    }
    for (int v = 1; v <= 2; v++) {
      defs.add(
          json(
              "{\"name\": \"model_ours\", \"version\": "
                  + v
                  + ", \"description\": \"ours\", \"tasks\": [{\"name\": \"t\","
                  + " \"taskReferenceName\": \"t\", \"type\": \"SIMPLE\"}]}"));
    }
    client.putWorkflowDefs(defs);
    List<DefinitionId> wanted =
        List.of(
            DefinitionId.workflow("model_ours", 1),
            DefinitionId.workflow("model_ours", 2),
            DefinitionId.workflow("model_absent", 1));

    RemoteDefinitions apart = RemoteDefinitions.fetch(client, wanted, Kind.WORKFLOW);
    RemoteDefinitions whole = RemoteDefinitions.fetch(client, Kind.WORKFLOW);

    assertThatThrownBy(() -> apart.all(Kind.WORKFLOW)) // read apart, not listed
        .isInstanceOf(IllegalStateException.class);
    for (DefinitionId id : wanted) {
      assertThat(apart.get(id)).as(id.toString()).isEqualTo(whole.get(id));
    }
    assertThat(apart.get(wanted.get(0))).isPresent();
    assertThat(apart.workflowVersions()).isEqualTo(whole.workflowVersions());
  }

  @Test
  void theServerStoresEveryFieldTheModelListsAndNoOther() throws Exception {
    client.putWorkflowDefs(List.of(json(FULL_WORKFLOW)));
    client.createTaskDefs(List.of(json(FULL_TASK)));
    ObjectNode workflow = client.getWorkflowDef("model_full", 3).orElseThrow();
    ObjectNode task = client.getTaskDef("model_task").orElseThrow();
    client.createEventHandler(json(FULL_HANDLER));
    ObjectNode handler = handler("model_handler");
    ObjectNode schedule = client.putSchedule(json(FULL_SCHEDULE));

    Map<String, Set<String>> stored = fieldsByKind(Kind.WORKFLOW, workflow);
    fieldsByKind(Kind.TASK, task)
        .forEach((k, f) -> stored.computeIfAbsent(k, x -> new TreeSet<>()).addAll(f));
    fieldsByKind(Kind.EVENT_HANDLER, handler)
        .forEach((k, f) -> stored.computeIfAbsent(k, x -> new TreeSet<>()).addAll(f));
    fieldsByKind(Kind.SCHEDULE, schedule)
        .forEach((k, f) -> stored.computeIfAbsent(k, x -> new TreeSet<>()).addAll(f));
    for (String kind : MODEL.kinds()) {
      Set<String> listed = new TreeSet<>(MODEL.fields(kind).keySet());
      Set<String> returned = new TreeSet<>(stored.getOrDefault(kind, Set.of()));
      returned.removeAll(MODEL.audit(kind));
      assertThat(returned).as("fields the server returns for a " + kind).isEqualTo(listed);
    }
  }

  @Test
  void theDefaultsAreTheValuesTheServerFillsIn() throws Exception {
    client.putWorkflowDefs(List.of(json(MINIMAL_WORKFLOW)));
    client.createTaskDefs(
        List.of(json("{\"name\": \"model_min_task\", \"inputSchema\": {\"name\": \"s\"}}")));
    ObjectNode workflow = client.getWorkflowDef("model_min", 1).orElseThrow();
    ObjectNode task = client.getTaskDef("model_min_task").orElseThrow();
    client.createEventHandler(json(MINIMAL_HANDLER));
    ObjectNode handler = handler("model_min_handler");
    ObjectNode schedule = client.putSchedule(json(MINIMAL_SCHEDULE));

    // The objects of the server's copy in the order of those sent (defaults add only empty lists
    // and maps).
    List<ObjectNode> sent = objects(Kind.WORKFLOW, json(MINIMAL_WORKFLOW));
    sent.addAll(
        objects(
            Kind.TASK, json("{\"name\": \"model_min_task\", \"inputSchema\": {\"name\": \"s\"}}")));
    sent.addAll(objects(Kind.EVENT_HANDLER, json(MINIMAL_HANDLER)));
    sent.addAll(objects(Kind.SCHEDULE, json(MINIMAL_SCHEDULE)));
    List<String> kinds = new ArrayList<>();
    List<ObjectNode> returned = new ArrayList<>();
    MODEL.forEachObject(
        Kind.WORKFLOW,
        workflow,
        (kind, node) -> {
          kinds.add(kind);
          returned.add(node);
        });
    MODEL.forEachObject(
        Kind.TASK,
        task,
        (kind, node) -> {
          kinds.add(kind);
          returned.add(node);
        });
    MODEL.forEachObject(
        Kind.EVENT_HANDLER,
        handler,
        (kind, node) -> {
          kinds.add(kind);
          returned.add(node);
        });
    MODEL.forEachObject(
        Kind.SCHEDULE,
        schedule,
        (kind, node) -> {
          kinds.add(kind);
          returned.add(node);
        });
    assertThat(returned).hasSameSizeAs(sent);
    List<String> wrong = new ArrayList<>();
    Set<String> checked = new HashSet<>();
    for (int i = 0; i < returned.size(); i++) {
      String kind = kinds.get(i);
      ObjectNode node = returned.get(i);
      ObjectNode mine = sent.get(i);
      MODEL
          .fields(kind)
          .forEach(
              (field, defaultValue) -> {
                if (defaultValue != null && !mine.has(field)) {
                  checked.add(kind + "." + field);
                  JsonNode actual = node.get(field);
                  if (actual == null || !JsonDiff.diff(defaultValue, actual).isEmpty()) {
                    wrong.add(
                        kind + "." + field + ": model " + defaultValue + ", server " + actual);
                  }
                }
              });
    }
    assertThat(wrong).isEmpty();
    // Every default of every kind was seen on the server, so none is a guess.
    Set<String> all = new TreeSet<>();
    MODEL
        .kinds()
        .forEach(
            k ->
                MODEL
                    .fields(k)
                    .forEach(
                        (f, d) -> {
                          if (d != null) {
                            all.add(k + "." + f);
                          }
                        }));
    assertThat(checked).containsAll(all);
    // And the minimal files, as written, mean what the server holds.
    assertThat(JsonDiff.definitions(Kind.WORKFLOW, workflow, json(MINIMAL_WORKFLOW))).isEmpty();
    assertThat(JsonDiff.definitions(Kind.EVENT_HANDLER, handler, json(MINIMAL_HANDLER))).isEmpty();
    assertThat(JsonDiff.definitions(Kind.SCHEDULE, schedule, json(MINIMAL_SCHEDULE))).isEmpty();
  }

  private static ObjectNode handler(String name) {
    return client.getEventHandlers().stream()
        .filter(h -> h.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
