package io.idflow.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.goal.Diff;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.Definitions;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.plan.PurgeScope;
import io.idflow.core.remote.RemoteDefinitions;
import io.idflow.core.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffOutcomeTest {

  @TempDir Path root;

  private void file(String relative, String json) throws IOException {
    Path file = root.resolve("idflow").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private static List<ObjectNode> remote(String... json) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (String j : json) {
      out.add((ObjectNode) Json.mapper().readTree(j));
    }
    return out;
  }

  private static String wf(String name, int version, int timeout) {
    return "{\"name\":\""
        + name
        + "\",\"version\":"
        + version
        + ",\"timeoutSeconds\":"
        + timeout
        + ",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"INLINE\"}]}";
  }

  private static String task(String name, int retries, String owner) {
    return "{\"name\":\""
        + name
        + "\",\"retryCount\":"
        + retries
        + ",\"ownerEmail\":\""
        + owner
        + "\"}";
  }

  /** The scope as diff resolves it: purge-orphans' scope, or none with the reason. */
  private DiffOutcome diff(List<ObjectNode> workflows, List<ObjectNode> tasks, String includes) {
    LocalDefinitions defs = DefinitionLoader.load(root.resolve("idflow"));
    RemoteDefinitions remote =
        RemoteDefinitions.of(Map.of(Kind.WORKFLOW, workflows, Kind.TASK, tasks));
    try {
      PurgeScope scope =
          PurgeScope.resolve(null, defs.tasks(), Definitions.names(includes), List.of());
      return new DiffOutcome(Diff.plan(defs, remote, scope), null, false);
    } catch (IdflowException e) {
      return new DiffOutcome(Diff.plan(defs, remote, null), e.getMessage(), false);
    }
  }

  private static DiffOutcome failingOnDiff(DiffOutcome diff) {
    return new DiffOutcome(diff.plan(), diff.scopeProblem(), true);
  }

  @Test
  void listsCreatesUpdatesAndDeletesWithChangedPathsAndAPlanLine() throws IOException {
    file("workflows/x.json", wf("x", 1, 10));
    file("workflows/order.json", wf("order_flow", 3, 200));
    file("workflows/same.json", wf("same", 1, 10));
    file("tasks/new_task.json", task("new_task", 1, "us@x.com"));
    file("tasks/changed.json", task("changed", 5, "us@x.com"));
    DiffOutcome diff =
        diff(
            remote(wf("order_flow", 3, 100), wf("same", 1, 10), wf("unrelated", 1, 1)),
            remote(
                task("changed", 4, "us@x.com"),
                task("y", 1, "us@x.com"),
                task("theirs", 1, "them@x.com")),
            null);

    assertThat(diff.lines())
        .containsExactly(
            "~ workflow order_flow v3",
            "    /timeoutSeconds: 100 -> 200",
            "+ workflow x v1 (not in Conductor)",
            "~ task changed",
            "    /retryCount: 4 -> 5",
            "+ task new_task (not in Conductor)",
            "- task y (only in Conductor)");
    assertThat(diff.summary())
        .isEqualTo("Plan: 2 to create, 2 to update, 1 to delete, 1 unchanged");
    assertThat(diff.changes()).isTrue();
    assertThat(diff.fixHint())
        .isEqualTo(
            "Run 'mvn idflow:upload-workflows' (-Didflow.onDrift=overwrite for changed versions, or"
                + " bump them), 'mvn idflow:sync-tasks', 'mvn idflow:purge-orphans' to bring"
                + " Conductor in line");
  }

  @Test
  void aRemoteOnlyTaskDefinitionThatAWorkflowUsesIsKeptNotDeleted() throws IOException {
    // The README's example under "diff", as rendered.
    file("workflows/geo_report.json", wf("geo_report", 1, 10));
    file("tasks/geo_format.json", task("geo_format", 1, "us@x.com"));
    String geoFlow =
        "{\"name\":\"geo_flow\",\"version\":2,\"tasks\":[{\"name\":\"legacy_geo_lookup\","
            + "\"taskReferenceName\":\"lookup_ref\",\"type\":\"SIMPLE\"}]}";
    DiffOutcome diff =
        diff(
            remote(wf("geo_report", 1, 10), geoFlow),
            remote(task("geo_format", 1, "us@x.com"), task("legacy_geo_lookup", 1, "us@x.com")),
            null);
    CollectingLog log = new CollectingLog();
    diff.render(log);

    assertThat(log.lines())
        .filteredOn(l -> l.startsWith("INFO"))
        .containsExactly(
            "INFO = task legacy_geo_lookup (only in Conductor; kept: used by workflow geo_flow v2"
                + " (task ref lookup_ref))",
            "INFO ",
            "INFO Plan: 0 to create, 0 to update, 2 unchanged, 1 kept in use");
    assertThat(diff.changes()).isFalse();
    assertThat(diff.entries())
        .extracting(RunReport.Entry::outcome)
        .containsExactly("unchanged", "unchanged", "keep-in-use");
  }

  @Test
  void summaryLeavesOutDeletesWhenThereAreNone() throws IOException {
    file("workflows/a.json", wf("a", 1, 10));
    DiffOutcome diff = diff(remote(wf("a", 1, 10)), remote(), null);
    assertThat(diff.lines()).isEmpty();
    assertThat(diff.summary()).isEqualTo("Plan: 0 to create, 0 to update, 1 unchanged");
    assertThat(diff.changes()).isFalse();
  }

  @Test
  void aMissingSecretFailsTheGateThoughNothingElseDiffers() throws IOException {
    file("workflows/a.json", wf("a", 1, 10));
    DiffOutcome clean = diff(remote(wf("a", 1, 10)), remote(), null);
    List<ValueNeed> values =
        List.of(
            new ValueNeed(true, "API_KEY", true, List.of("a v1 at /tasks/0/inputParameters/k")),
            new ValueNeed(false, "REGION", false, List.of("a v1 at /tasks/0/inputParameters/r")));

    DiffOutcome gate = new DiffOutcome(clean.plan(), null, true, values, List.of());

    assertThat(gate.summary())
        .isEqualTo(
            "Plan: 0 to create, 0 to update, 1 unchanged; 1 secret or environment value missing");
    assertThat(gate.failure()).isPresent();
    assertThat(gate.failure().get().message())
        .endsWith(
            "listed above"
                + System.lineSeparator()
                + "Create the missing secrets and environment values on the server: the plugin"
                + " never writes them");
    assertThat(gate.entries())
        .filteredOn(e -> e.kind().equals("secret") || e.kind().equals("env"))
        .extracting(e -> e.name() + " " + e.outcome() + " " + e.failed())
        .containsExactly("API_KEY missing true", "REGION present false");
    assertThat(new DiffOutcome(clean.plan(), null, false, values, List.of()).failure()).isEmpty();
  }

  @Test
  void withoutScopeNoDeletionsAndTheReasonIsKept() throws IOException {
    file("workflows/a.json", wf("a", 1, 10));
    DiffOutcome diff = diff(remote(wf("a", 1, 10)), remote(task("y", 1, "us@x.com")), null);
    assertThat(diff.scope()).isEmpty();
    assertThat(diff.lines()).isEmpty();
    assertThat(diff.scopeProblem()).contains("there are no local task definitions");
  }

  @Test
  void includesBringRemoteOnlyTaskDefsIntoScope() throws IOException {
    DiffOutcome diff =
        diff(
            remote(),
            remote(task("legacy_a", 1, "them@x.com"), task("other", 1, "them@x.com")),
            "legacy_*");
    assertThat(diff.lines()).containsExactly("- task legacy_a (only in Conductor)");
  }

  @Test
  void entriesFailOnlyUnderFailOnDiff() throws IOException {
    file("workflows/x.json", wf("x", 1, 10));
    file("workflows/same.json", wf("same", 1, 10));
    DiffOutcome diff = diff(remote(wf("same", 1, 10)), remote(), null);
    assertThat(diff.entries())
        .extracting(RunReport.Entry::outcome)
        .containsExactly("unchanged", "create");
    assertThat(diff.entries()).noneMatch(RunReport.Entry::failed);
    assertThat(failingOnDiff(diff).entries())
        .extracting(RunReport.Entry::failed)
        .containsExactly(false, true);
    assertThat(failingOnDiff(diff).entries().get(1).version()).isEqualTo(1);
    assertThat(diff.counts())
        .containsExactly(
            Map.entry("create", 1L),
            Map.entry("update", 0L),
            Map.entry("delete", 0L),
            Map.entry("unchanged", 1L));
  }

  @Test
  void computesWithTheScopeOnlyFromItsArgument() throws IOException {
    file("tasks/a.json", task("a", 1, "us@x.com"));
    LocalDefinitions defs = DefinitionLoader.load(root.resolve("idflow"));
    RemoteDefinitions remote =
        RemoteDefinitions.of(
            Map.of(Kind.WORKFLOW, remote(), Kind.TASK, remote(task("b", 1, "us@x.com"))));
    DiffOutcome diff = new DiffOutcome(Diff.plan(defs, remote, null), "no scope", false);
    assertThat(diff.lines()).containsExactly("+ task a (not in Conductor)");
  }
}
