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
  void dropsAuditFieldsNullsAndDefaultsButKeepsEverythingElse() throws IOException {
    ObjectNode def = json("{\"createTime\":1,\"updateTime\":2,\"createdBy\":\"a\",\"updatedBy\":\"b\",\"name\":\"w\","
        + "\"description\":null,\"version\":1,\"restartable\":false,\"timeoutSeconds\":0.0,\"x-custom\":{\"k\":null},"
        + "\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"optional\":true,\"startDelay\":0,\"inputParameters\":{}}]}");

    ObjectNode normal = Normalizer.normalize(Kind.WORKFLOW, def);

    assertThat(normal).isEqualTo(json("{\"name\":\"w\",\"restartable\":false,\"x-custom\":{\"k\":null},"
        + "\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"optional\":true}]}"));
    assertThat(def.has("createTime")).as("argument unchanged").isTrue();
  }

  @Test
  void keepsAValueThatDiffersFromTheDefaultOnlyInType() throws IOException {
    // "0" is not 0: the server would not take the string for its default.
    ObjectNode normal = Normalizer.normalize(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":\"3\",\"timeoutSeconds\":\"0\"}"));

    assertThat(normal).isEqualTo(json("{\"name\":\"t\",\"retryCount\":\"3\",\"timeoutSeconds\":\"0\"}"));
  }

  @Test
  void dropsTaskDefinitionDefaultsOnlyForTaskDefinitions() throws IOException {
    // retryCount 3 is a task def default, not a workflow one: on a workflow it is a field like any other.
    assertThat(Normalizer.normalize(Kind.TASK, json("{\"name\":\"t\",\"retryCount\":3}"))).isEqualTo(json("{\"name\":\"t\"}"));
    assertThat(Normalizer.normalize(Kind.WORKFLOW, json("{\"name\":\"t\",\"retryCount\":3,\"tasks\":[]}")))
        .isEqualTo(json("{\"name\":\"t\",\"retryCount\":3,\"tasks\":[]}"));
  }
}
