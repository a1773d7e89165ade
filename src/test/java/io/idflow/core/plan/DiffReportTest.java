package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.local.Definitions;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.purge.PurgeScope;
import io.idflow.core.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffReportTest {

  @TempDir
  Path root;

  private void file(String relative, String json) throws IOException {
    Path file = root.resolve("idflow").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private static List<ObjectNode> remote(String... json) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (String j : json) {
      out.add((ObjectNode) Json.MAPPER.readTree(j));
    }
    return out;
  }

  private static String wf(String name, int version, int timeout) {
    return "{\"name\":\"" + name + "\",\"version\":" + version + ",\"timeoutSeconds\":" + timeout
        + ",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"INLINE\"}]}";
  }

  private static String task(String name, int retries, String owner) {
    return "{\"name\":\"" + name + "\",\"retryCount\":" + retries + ",\"ownerEmail\":\"" + owner + "\"}";
  }

  /** The scope as diff resolves it: purge-orphans' scope, or none with the reason. */
  private DiffReport diff(List<ObjectNode> workflows, List<ObjectNode> tasks, String includes) {
    LocalDefinitions defs = DefinitionLoader.load(root.resolve("idflow"));
    try {
      PurgeScope scope = PurgeScope.resolve(null, defs.tasks(), Definitions.names(includes), List.of());
      return DiffReport.compute(defs, workflows, tasks, Optional.of(scope), null);
    } catch (IdflowException e) {
      return DiffReport.compute(defs, workflows, tasks, Optional.empty(), e.getMessage());
    }
  }

  @Test
  void listsCreatesUpdatesAndDeletesWithChangedPathsAndAPlanLine() throws IOException {
    file("workflows/x.json", wf("x", 1, 10));
    file("workflows/order.json", wf("order_flow", 3, 200));
    file("workflows/same.json", wf("same", 1, 10));
    file("tasks/new_task.json", task("new_task", 1, "us@x.com"));
    file("tasks/changed.json", task("changed", 5, "us@x.com"));
    DiffReport diff = diff(
        remote(wf("order_flow", 3, 100), wf("same", 1, 10), wf("unrelated", 1, 1)),
        remote(task("changed", 4, "us@x.com"), task("y", 1, "us@x.com"), task("theirs", 1, "them@x.com")), null);

    assertThat(diff.lines()).containsExactly(
        "~ workflow order_flow v3",
        "    /timeoutSeconds: 100 -> 200",
        "+ workflow x v1 (not in Conductor)",
        "~ task changed",
        "    /retryCount: 4 -> 5",
        "+ task new_task (not in Conductor)",
        "- task y (only in Conductor)");
    assertThat(diff.summary()).isEqualTo("Plan: 2 to create, 2 to update, 1 to delete, 1 unchanged");
    assertThat(diff.changes()).isTrue();
    assertThat(diff.fixHint()).isEqualTo("Run 'mvn idflow:upload-workflows' (-Didflow.onDrift=overwrite for changed versions,"
        + " or bump them), 'mvn idflow:sync-tasks', 'mvn idflow:purge-orphans' to bring Conductor in line");
  }

  @Test
  void summaryLeavesOutDeletesWhenThereAreNone() throws IOException {
    file("workflows/a.json", wf("a", 1, 10));
    DiffReport diff = diff(remote(wf("a", 1, 10)), remote(), null);
    assertThat(diff.lines()).isEmpty();
    assertThat(diff.summary()).isEqualTo("Plan: 0 to create, 0 to update, 1 unchanged");
    assertThat(diff.changes()).isFalse();
  }

  @Test
  void withoutScopeNoDeletionsAndTheReasonIsKept() throws IOException {
    file("workflows/a.json", wf("a", 1, 10));
    DiffReport diff = diff(remote(wf("a", 1, 10)), remote(task("y", 1, "us@x.com")), null);
    assertThat(diff.scope()).isEmpty();
    assertThat(diff.lines()).isEmpty();
    assertThat(diff.scopeProblem()).contains("there are no local task definitions");
  }

  @Test
  void includesBringRemoteOnlyTaskDefsIntoScope() throws IOException {
    DiffReport diff = diff(remote(), remote(task("legacy_a", 1, "them@x.com"), task("other", 1, "them@x.com")), "legacy_*");
    assertThat(diff.lines()).containsExactly("- task legacy_a (only in Conductor)");
  }

  @Test
  void entriesFailOnlyUnderFailOnDiff() throws IOException {
    file("workflows/x.json", wf("x", 1, 10));
    file("workflows/same.json", wf("same", 1, 10));
    DiffReport diff = diff(remote(wf("same", 1, 10)), remote(), null);
    assertThat(diff.entries(false)).extracting(RunReport.Entry::outcome).containsExactly("unchanged", "create");
    assertThat(diff.entries(false)).noneMatch(RunReport.Entry::failed);
    assertThat(diff.entries(true)).extracting(RunReport.Entry::failed).containsExactly(false, true);
    assertThat(diff.entries(true).get(1).version()).isEqualTo(1);
    assertThat(diff.counts()).containsExactly(
        java.util.Map.entry("create", 1L), java.util.Map.entry("update", 0L), java.util.Map.entry("delete", 0L),
        java.util.Map.entry("unchanged", 1L));
  }

  @Test
  void computesWithTheScopeOnlyFromItsArgument() throws IOException {
    file("tasks/a.json", task("a", 1, "us@x.com"));
    LocalDefinitions defs = DefinitionLoader.load(root.resolve("idflow"));
    DiffReport diff = DiffReport.compute(defs, remote(), remote(task("b", 1, "us@x.com")), Optional.empty(), "no scope");
    assertThat(diff.lines()).containsExactly("+ task a (not in Conductor)");
  }
}
