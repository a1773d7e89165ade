package io.idflow.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServerModelTest {
  private static final ServerModel OSS = ServerModel.conductorOss();

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) Json.mapper().readTree(text);
  }

  @Test
  void removesAuditFieldsAndNullsFillsDefaultsAndKeepsEverythingElse() throws IOException {
    ObjectNode def =
        json(
            "{\"createTime\":1,\"updateTime\":2,\"createdBy\":\"a\",\"updatedBy\":\"b\",\"name\":\"w\","
                + "\"description\":null,\"restartable\":false,\"x-custom\":{\"k\":null},"
                + "\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"optional\":true}]}");

    ObjectNode normal =
        OSS.learn(Kind.WORKFLOW, java.util.List.of(json("{\"x-custom\":{}}")))
            .normalize(Kind.WORKFLOW, def);

    assertThat(
            normal.has("createTime")
                || normal.has("updateTime")
                || normal.has("createdBy")
                || normal.has("updatedBy"))
        .isFalse();
    assertThat(normal.has("description")).as("null dropped").isFalse();
    assertThat(normal.get("restartable").asBoolean()).as("a non-default value kept").isFalse();
    assertThat(normal.get("x-custom"))
        .as("a field the server stores kept as written")
        .isEqualTo(json("{\"k\":null}"));
    assertThat(OSS.normalize(Kind.WORKFLOW, def).has("x-custom"))
        .as("a field the server is not known to store left out")
        .isFalse();
    assertThat(normal.get("schemaVersion").asInt()).as("workflow default filled in").isEqualTo(2);
    assertThat(normal.get("timeoutPolicy").asText()).isEqualTo("ALERT_ONLY");
    assertThat(normal.at("/tasks/0/optional").asBoolean()).isTrue();
    assertThat(normal.at("/tasks/0/startDelay").asInt()).as("task default filled in").isZero();
    assertThat(normal.at("/tasks/0/decisionCases")).isEqualTo(json("{}"));
    assertThat(def.has("createTime")).as("argument unchanged").isTrue();
    assertThat(def.at("/tasks/0").has("startDelay")).as("argument unchanged").isFalse();
  }

  @Test
  void aDefaultWrittenOutAndAnAbsentFieldMeanTheSame() throws IOException {
    assertThat(
            JsonDiff.definitions(
                Kind.TASK,
                json("{\"name\":\"t\",\"retryCount\":3,\"timeoutSeconds\":0.0}"),
                json("{\"name\":\"t\"}")))
        .isEmpty();
  }

  @Test
  void aChangeFromADefaultShowsTheValueTheServerUses() throws IOException {
    assertThat(
            JsonDiff.definitions(
                Kind.TASK,
                json("{\"name\":\"t\",\"retryCount\":3}"),
                json("{\"name\":\"t\",\"retryCount\":5}")))
        .extracting(Difference::toString)
        .containsExactly("/retryCount: 3 -> 5");
  }

  @Test
  void keepsAValueThatDiffersFromTheDefaultOnlyInType() throws IOException {
    // "3" is not 3: the server would not take the string for its default.
    ObjectNode normal = OSS.normalize(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":\"3\"}"));
    assertThat(normal.get("retryCount").isTextual()).isTrue();
    assertThat(
            JsonDiff.definitions(
                Kind.TASK, json("{\"name\":\"t\"}"), json("{\"name\":\"t\",\"retryCount\":\"3\"}")))
        .extracting(Difference::toString)
        .containsExactly("/retryCount: 3 -> \"3\"");
  }

  @Test
  void taskDefinitionDefaultsApplyOnlyToTaskDefinitions() throws IOException {
    // retryCount is a task def default, not a workflow one.
    assertThat(
            OSS.normalize(Kind.WORKFLOW, json("{\"name\":\"t\",\"tasks\":[]}")).has("retryCount"))
        .isFalse();
    assertThat(OSS.normalize(Kind.TASK, json("{\"name\":\"t\"}")).get("retryCount").asInt())
        .isEqualTo(3);
  }

  @Test
  void anInlineSubWorkflowIsNormalisedAsAWorkflowAndItsTasksAsTasks() throws IOException {
    ObjectNode def =
        json(
            "{\"name\":\"outer\",\"tasks\":[{\"name\":\"fork\",\"taskReferenceName\":\"f\",\"type\":\"FORK_JOIN\","
                + "\"forkTasks\":[[{\"name\":\"s\",\"taskReferenceName\":\"s\",\"type\":\"SUB_WORKFLOW\",\"subWorkflowParam\":{\"name\":\"x\","
                + "\"workflowDefinition\":{\"name\":\"inner\",\"createTime\":0,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\","
                + "\"taskDefinition\":{\"name\":\"t\",\"updateTime\":0}}]}}}]]}]}");

    ObjectNode normal = OSS.normalize(Kind.WORKFLOW, def);

    String sub = "/tasks/0/forkTasks/0/0/subWorkflowParam";
    assertThat(normal.at(sub + "/workflowDefinition").has("createTime"))
        .as("audit field of the inline workflow")
        .isFalse();
    assertThat(normal.at(sub + "/workflowDefinition/enforceSchema").asBoolean())
        .as("workflow default inside")
        .isTrue();
    assertThat(normal.at(sub + "/workflowDefinition/tasks/0/permissive").isBoolean())
        .as("task default inside")
        .isTrue();
    assertThat(normal.at(sub + "/workflowDefinition/tasks/0/taskDefinition/retryCount").asInt())
        .isEqualTo(3);
    assertThat(normal.at(sub + "/workflowDefinition/tasks/0/taskDefinition").has("updateTime"))
        .isFalse();
    // The server names the inline definition's workflow in the parameters, whatever they said.
    assertThat(normal.at(sub + "/name").asText()).isEqualTo("inner");
    assertThat(normal.at(sub + "/version").asInt()).isEqualTo(1);
  }

  @Test
  void aFieldTheModelReadsButNeverWritesIsNotCompared() throws IOException {
    // workflowTaskType: conductor-common sets the type from it, and the server returns only "type".
    ObjectNode remote =
        json(
            "{\"name\":\"w\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    ObjectNode local =
        json(
            "{\"name\":\"w\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\","
                + "\"workflowTaskType\":\"SIMPLE\"}],\"accessPolicy\":{}}");

    assertThat(JsonDiff.definitions(Kind.WORKFLOW, remote, local)).isEmpty();
  }

  @Test
  void aFieldTheServerShowsForAnyDefinitionIsCompared() throws IOException {
    // An Orkes server stores accessPolicy: its listing shows it, so a change of it is a difference.
    ObjectNode mine = json("{\"name\":\"w\",\"tasks\":[],\"accessPolicy\":{\"team\":\"a\"}}");
    ObjectNode theirs = json("{\"name\":\"w\",\"tasks\":[]}");
    ObjectNode other = json("{\"name\":\"other\",\"tasks\":[],\"accessPolicy\":{}}");
    ServerModel orkes = OSS.learn(Kind.WORKFLOW, java.util.List.of(theirs, other));

    assertThat(JsonDiff.definitions(orkes, Kind.WORKFLOW, theirs, mine))
        .extracting(Difference::toString)
        .containsExactly("/accessPolicy: (absent) -> {\"team\":\"a\"}");
    assertThat(JsonDiff.definitions(Kind.WORKFLOW, theirs, mine))
        .as("a server that shows it nowhere drops it")
        .isEmpty();
  }

  @Test
  void stripsWhatTheServerAddsAndKeepsWhatAPersonWrote() throws IOException {
    ObjectNode stored =
        json(
            """
            {"createTime": 1795936462082, "updateTime": 0, "name": "w", "description": "d",
             "version": 1, "schemaVersion": 2, "restartable": true, "timeoutSeconds": 60,
             "ownerEmail": "a@b.c", "inputParameters": [], "variables": {},
             "tasks": [{"name": "t", "taskReferenceName": "t_ref", "type": "SIMPLE",
                        "inputParameters": {"x": "${workflow.input.x}"}, "startDelay": 0,
                        "optional": false, "decisionCases": {}, "defaultCase": [],
                        "taskDefinition": {"name": "t", "retryCount": 3, "timeoutSeconds": 0.0,
                                           "responseTimeoutSeconds": 30, "description": null}}]}\
            """);

    ObjectNode stripped = OSS.strip(Kind.WORKFLOW, stored);

    assertThat(stripped)
        .isEqualTo(
            json(
                """
                {"name": "w", "description": "d", "version": 1, "timeoutSeconds": 60,
                 "ownerEmail": "a@b.c",
                 "tasks": [{"name": "t", "taskReferenceName": "t_ref", "type": "SIMPLE",
                            "inputParameters": {"x": "${workflow.input.x}"},
                            "taskDefinition": {"name": "t", "responseTimeoutSeconds": 30}}]}\
                """));
    assertThat(JsonDiff.definitions(Kind.WORKFLOW, stored, stripped)).isEmpty();
    assertThat(stored.has("createTime")).as("argument unchanged").isTrue();
  }

  @Test
  void everyStoredDefinitionStripsToOneThatComparesEqual() throws IOException {
    // The server's own copies of the samples (golden/roundtrip): what export writes must diff as
    // unchanged.
    for (Kind kind : java.util.List.of(Kind.WORKFLOW, Kind.TASK)) {
      String file = kind == Kind.WORKFLOW ? "workflows.json" : "taskdefs.json";
      java.util.List<ObjectNode> stored =
          Json.mapper()
              .readerForListOf(ObjectNode.class)
              .readValue(
                  java.nio.file.Path.of("src/test/resources/golden/roundtrip", file).toFile());
      assertThat(stored).isNotEmpty();
      for (ObjectNode def : stored) {
        ObjectNode stripped = OSS.strip(kind, def);
        assertThat(JsonDiff.definitions(kind, def, stripped))
            .as(def.path("name").asText())
            .isEmpty();
        assertThat(stripped.size()).as(def.path("name").asText()).isLessThan(def.size());
      }
    }
  }
}
