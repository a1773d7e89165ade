package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.LocalDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskScopeTest {

  @TempDir
  Path root;

  private LocalDefinitions tasks(String... json) throws IOException {
    Path dir = root.resolve("idflow/tasks");
    Files.createDirectories(dir);
    for (int i = 0; i < json.length; i++) {
      Files.writeString(dir.resolve("t" + i + ".json"), json[i]);
    }
    return DefinitionLoader.load(root.resolve("idflow"));
  }

  private static ObjectNode remote(String name, String owner) {
    ObjectNode def = Json.MAPPER.createObjectNode().put("name", name);
    if (owner != null) {
      def.put("ownerEmail", owner);
    }
    return def;
  }

  @Test
  void ownerIsTheOneOwnerAllLocalTaskDefsShare() throws IOException {
    LocalDefinitions defs = tasks("{\"name\":\"a\",\"ownerEmail\":\"us@x.com\"}", "{\"name\":\"b\",\"ownerEmail\":\"us@x.com\"}");
    TaskScope scope = TaskScope.resolve(defs, null, null, null).orElseThrow();
    assertThat(scope.ownerEmail()).isEqualTo("us@x.com");
    assertThat(scope.contains(remote("old", "us@x.com"))).isTrue();
    assertThat(scope.contains(remote("theirs", "them@x.com"))).isFalse();
    assertThat(scope.contains(remote("nobody", null))).isFalse();
  }

  @Test
  void ownerEmailParameterWins() throws IOException {
    LocalDefinitions defs = tasks("{\"name\":\"a\",\"ownerEmail\":\"us@x.com\"}");
    assertThat(TaskScope.resolve(defs, "ops@x.com", null, null).orElseThrow().ownerEmail()).isEqualTo("ops@x.com");
  }

  @Test
  void includesWidenAndExcludesNarrow() throws IOException {
    LocalDefinitions defs = tasks("{\"name\":\"a\",\"ownerEmail\":\"us@x.com\"}");
    TaskScope scope = TaskScope.resolve(defs, null, "legacy_*, tmp?", "keep_*").orElseThrow();
    assertThat(scope.contains(remote("legacy_fetch", "them@x.com"))).isTrue();
    assertThat(scope.contains(remote("tmp1", null))).isTrue();
    assertThat(scope.contains(remote("tmp12", null))).isFalse();
    assertThat(scope.contains(remote("keep_me", "us@x.com"))).isFalse();
    assertThat(scope.describe()).isEqualTo("ownerEmail us@x.com, plus names matching legacy_*, tmp?, minus names matching keep_*");
  }

  @Test
  void globsQuoteEverythingButStarAndQuestionMark() {
    assertThat(TaskScope.glob("a.b*").matcher("a.bc").matches()).isTrue();
    assertThat(TaskScope.glob("a.b*").matcher("axbc").matches()).isFalse();
  }

  @Test
  void includesAloneAreAScope() throws IOException {
    LocalDefinitions defs = tasks();
    TaskScope scope = TaskScope.resolve(defs, null, "team_*", null).orElseThrow();
    assertThat(scope.ownerEmail()).isNull();
    assertThat(scope.contains(remote("team_a", "any@x.com"))).isTrue();
    assertThat(scope.describe()).isEqualTo("names matching team_*");
  }

  @Test
  void noScopeWhenLocalOwnersDisagreeOrAreAbsent() throws IOException {
    assertThat(TaskScope.resolve(tasks(), null, null, null)).isEmpty();
    assertThatThrownBy(() -> TaskScope.require(tasks(), null, null, null)).isInstanceOf(IdflowException.class)
        .hasMessage("Cannot tell which task definitions in Conductor belong to this project: there are no local task"
            + " definitions. Set -Didflow.ownerEmail=<owner> or name them with -Didflow.purge.includes=<glob,...>");
  }

  @Test
  void severalOwnersAreNamed() throws IOException {
    LocalDefinitions defs = tasks("{\"name\":\"a\",\"ownerEmail\":\"b@x.com\"}", "{\"name\":\"b\",\"ownerEmail\":\"a@x.com\"}");
    assertThat(TaskScope.resolve(defs, null, null, null)).isEmpty();
    assertThat(TaskScope.undetermined(defs)).contains("local task definitions have several owners (a@x.com, b@x.com)");
  }

  @Test
  void aTaskDefWithoutOwnerLeavesNoSharedOwner() throws IOException {
    LocalDefinitions defs = tasks("{\"name\":\"a\",\"ownerEmail\":\"us@x.com\"}", "{\"name\":\"b\"}");
    assertThat(TaskScope.resolve(defs, null, null, null)).isEmpty();
    assertThat(TaskScope.undetermined(defs)).contains("some local task definitions have no ownerEmail");
  }
}
