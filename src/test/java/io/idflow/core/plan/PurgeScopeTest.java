package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurgeScopeTest {

  static ObjectNode task(String name, String owner) {
    ObjectNode t = Json.mapper().createObjectNode().put("name", name);
    if (owner != null) {
      t.put("ownerEmail", owner);
    }
    return t;
  }

  static LocalDefinition local(String name, String owner) {
    return new LocalDefinition(
        Kind.TASK, name, 0, task(name, owner), Path.of("idflow/tasks/" + name + ".json"), -1);
  }

  @Test
  void takesTheOwnerThatEveryLocalTaskShares() {
    PurgeScope scope =
        PurgeScope.resolve(
            null, List.of(local("a", "team@x.io"), local("b", "team@x.io")), List.of(), List.of());

    assertThat(scope.ownerEmail()).isEqualTo("team@x.io");
    assertThat(scope.reason(task("old", "team@x.io"))).contains("owner team@x.io");
    assertThat(scope.reason(task("theirs", "other@x.io"))).isEmpty();
    assertThat(scope.reason(task("nobody", null))).isEmpty();
    assertThat(scope.describe())
        .isEqualTo("ownerEmail team@x.io (shared by all 2 local task definitions)");
  }

  @Test
  void explicitOwnerWinsOverTheLocalOnes() {
    PurgeScope scope =
        PurgeScope.resolve("me@x.io", List.of(local("a", "team@x.io")), List.of(), List.of());

    assertThat(scope.reason(task("old", "me@x.io"))).isPresent();
    assertThat(scope.reason(task("old", "team@x.io"))).isEmpty();
    assertThat(scope.describe()).startsWith("ownerEmail me@x.io (idflow.ownerEmail)");
  }

  @Test
  void failsWhenLocalTasksHaveDifferentOwners() {
    assertThatThrownBy(
            () ->
                PurgeScope.resolve(
                    null,
                    List.of(local("a", "x@x.io"), local("b", "y@x.io"), local("c", null)),
                    List.of(),
                    List.of()))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining(
            "the local task definitions do not share one ownerEmail (found: x@x.io, y@x.io and"
                + " none)")
        .hasMessageContaining("-Didflow.ownerEmail=<email>")
        .hasMessageContaining("-Didflow.purge.includes=")
        .hasMessageEndingWith("nothing was deleted");
  }

  @Test
  void failsWhenSomeLocalTaskHasNoOwner() {
    assertThatThrownBy(
            () ->
                PurgeScope.resolve(
                    null, List.of(local("a", "x@x.io"), local("b", null)), List.of(), List.of()))
        .hasMessageContaining("(found: x@x.io and none)");
  }

  @Test
  void failsWhenNoLocalTaskHasAnOwner() {
    assertThatThrownBy(
            () -> PurgeScope.resolve(null, List.of(local("a", null)), List.of(), List.of()))
        .hasMessageContaining("no local task definition has an ownerEmail");
  }

  @Test
  void failsWithoutLocalTasks() {
    assertThatThrownBy(() -> PurgeScope.resolve(" ", List.of(), List.of(), List.of()))
        .hasMessageContaining("there are no local task definitions to take an ownerEmail from");
  }

  @Test
  void includesAloneAreTheScopeWhenThereIsNoOwner() {
    PurgeScope scope =
        PurgeScope.resolve(
            null,
            List.of(local("a", "x@x.io"), local("b", "y@x.io")),
            List.of("orders_*"),
            List.of());

    assertThat(scope.ownerEmail()).isNull();
    assertThat(scope.reason(task("orders_old", "anyone@x.io")))
        .contains("matches include 'orders_*'");
    assertThat(scope.reason(task("billing_old", "x@x.io"))).isEmpty();
    assertThat(scope.describe()).isEqualTo("names matching orders_*");
  }

  @Test
  void includesWidenTheOwnerScope() {
    PurgeScope scope = PurgeScope.resolve("me@x.io", List.of(), List.of("legacy_?"), List.of());

    assertThat(scope.reason(task("legacy_1", null))).contains("matches include 'legacy_?'");
    assertThat(scope.reason(task("legacy_10", null))).isEmpty();
    assertThat(scope.reason(task("mine", "me@x.io"))).contains("owner me@x.io");
    assertThat(scope.describe())
        .isEqualTo("ownerEmail me@x.io (idflow.ownerEmail), plus names matching legacy_?");
  }

  @Test
  void excludesNarrowOwnerAndIncludesAlike() {
    PurgeScope scope =
        PurgeScope.resolve(
            "me@x.io", List.of(), List.of("legacy_*"), List.of("*_keep", "legacy_b"));

    assertThat(scope.reason(task("a_keep", "me@x.io"))).isEmpty();
    assertThat(scope.reason(task("legacy_b", null))).isEmpty();
    assertThat(scope.reason(task("legacy_a", null))).isPresent();
    assertThat(scope.describe()).endsWith(", except names matching *_keep, legacy_b");
  }

  @Test
  void globsTakeOtherCharactersLiterally() {
    Glob glob = Glob.of("a.b+(c)*");

    assertThat(glob.matches("a.b+(c)")).isTrue();
    assertThat(glob.matches("a.b+(c)_x")).isTrue();
    assertThat(glob.matches("axb+(c)")).isFalse();
    assertThat(Glob.of("*").matches("")).isTrue();
    assertThat(Glob.of("a?c").matches("abc")).isTrue();
    assertThat(Glob.of("a?c").matches("ac")).isFalse();
  }
}
