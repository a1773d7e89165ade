package io.idflow.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample definitions in idflow/ against the real server's copies of them (golden/roundtrip, as
 * a conductor-oss 3.32.3 server returned them after upload): once the server's defaults and audit
 * fields are ignored, every local definition equals its remote copy, and any real change shows.
 */
class RoundTripTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/roundtrip");
  private final LocalDefinitions local = DefinitionLoader.load(Path.of("idflow"));

  private static Map<DefinitionId, ObjectNode> remote(Kind kind, String file) throws Exception {
    List<ObjectNode> defs =
        Json.mapper().readerForListOf(ObjectNode.class).readValue(GOLDEN.resolve(file).toFile());
    Map<DefinitionId, ObjectNode> byId = new HashMap<>();
    defs.forEach(d -> byId.put(DefinitionId.of(kind, d), d));
    return byId;
  }

  @Test
  void everySampleWorkflowEqualsTheServersCopy() throws Exception {
    Map<DefinitionId, ObjectNode> remote = remote(Kind.WORKFLOW, "workflows.json");
    assertThat(local.problems()).isEmpty();
    assertThat(local.workflows()).hasSizeGreaterThanOrEqualTo(8);
    for (LocalDefinition def : local.workflows()) {
      assertThat(remote).as("server copy of %s", def.id()).containsKey(def.id());
      assertThat(JsonDiff.definitions(Kind.WORKFLOW, remote.get(def.id()), def.json()))
          .as(def.id().toString())
          .isEmpty();
    }
  }

  @Test
  void everySampleTaskEqualsTheServersCopy() throws Exception {
    Map<DefinitionId, ObjectNode> remote = remote(Kind.TASK, "taskdefs.json");
    assertThat(local.tasks()).hasSizeGreaterThanOrEqualTo(6);
    for (LocalDefinition def : local.tasks()) {
      assertThat(JsonDiff.definitions(Kind.TASK, remote.get(def.id()), def.json()))
          .as(def.id().toString())
          .isEmpty();
    }
  }

  @Test
  void aChangeDeepInsideANestedTaskIsReportedWithItsPath() throws Exception {
    Map<DefinitionId, ObjectNode> remote = remote(Kind.WORKFLOW, "workflows.json");
    LocalDefinition hello =
        local.workflows().stream()
            .filter(d -> d.name().equals("hello_inline"))
            .findFirst()
            .orElseThrow();
    ObjectNode changed = hello.json().deepCopy();
    // The DO_WHILE's first looped task: a nested path the walker must reach.
    String loopPath = null;
    for (var t : io.idflow.core.model.WorkflowTasks.all(changed)) {
      if (t.pointer().contains("/loopOver/")) {
        t.task().withObjectProperty("inputParameters").put("extra", "x");
        loopPath = t.pointer();
        break;
      }
    }
    assertThat(loopPath).isNotNull();
    assertThat(JsonDiff.definitions(Kind.WORKFLOW, remote.get(hello.id()), changed))
        .extracting(Difference::toString)
        .containsExactly(loopPath + "/inputParameters/extra: (absent) -> \"x\"");
  }
}
