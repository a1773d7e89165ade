package io.idflow.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.local.Kind;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) Json.MAPPER.readTree(text);
  }

  @Test
  void removesAuditFieldsAndNullsFillsDefaultsAndKeepsEverythingElse() throws IOException {
    ObjectNode def = json("{\"createTime\":1,\"updateTime\":2,\"createdBy\":\"a\",\"updatedBy\":\"b\",\"name\":\"w\","
        + "\"description\":null,\"restartable\":false,\"x-custom\":{\"k\":null},"
        + "\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"optional\":true}]}");

    ObjectNode normal = Normalizer.normalize(Kind.WORKFLOW, def);

    assertThat(normal.has("createTime") || normal.has("updateTime") || normal.has("createdBy") || normal.has("updatedBy")).isFalse();
    assertThat(normal.has("description")).as("null dropped").isFalse();
    assertThat(normal.get("restartable").asBoolean()).as("a non-default value kept").isFalse();
    assertThat(normal.get("x-custom")).as("unknown fields kept as written").isEqualTo(json("{\"k\":null}"));
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
    assertThat(JsonDiff.definitions(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":3,\"timeoutSeconds\":0.0}"), json("{\"name\":\"t\"}")))
        .isEmpty();
  }

  @Test
  void aChangeFromADefaultShowsTheValueTheServerUses() throws IOException {
    assertThat(JsonDiff.definitions(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":3}"), json("{\"name\":\"t\",\"retryCount\":5}")))
        .extracting(Difference::toString).containsExactly("/retryCount: 3 -> 5");
  }

  @Test
  void keepsAValueThatDiffersFromTheDefaultOnlyInType() throws IOException {
    // "3" is not 3: the server would not take the string for its default.
    ObjectNode normal = Normalizer.normalize(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":\"3\"}"));
    assertThat(normal.get("retryCount").isTextual()).isTrue();
    assertThat(JsonDiff.definitions(Kind.TASK, json("{\"name\":\"t\"}"), json("{\"name\":\"t\",\"retryCount\":\"3\"}")))
        .extracting(Difference::toString).containsExactly("/retryCount: 3 -> \"3\"");
  }

  @Test
  void taskDefinitionDefaultsApplyOnlyToTaskDefinitions() throws IOException {
    // retryCount is a task def default, not a workflow one.
    assertThat(Normalizer.normalize(Kind.WORKFLOW, json("{\"name\":\"t\",\"tasks\":[]}")).has("retryCount")).isFalse();
    assertThat(Normalizer.normalize(Kind.TASK, json("{\"name\":\"t\"}")).get("retryCount").asInt()).isEqualTo(3);
  }
}
