package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.outcome.PruneOutcome;
import io.idflow.core.plan.PlanItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * prune-workflows against a stubbed server: what is deleted, what is kept and why, what stops it.
 */
class PruneWorkflowsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  Path idflow;
  Path backups;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  static String wf(String name, int version, String owner, String tasks) {
    return "{\"name\": \""
        + name
        + "\", \"version\": "
        + version
        + ", \"ownerEmail\": \""
        + owner
        + "\", \"tasks\": ["
        + tasks
        + "]}";
  }

  static String simple() {
    return "{\"name\": \"t\", \"taskReferenceName\": \"t_ref\", \"type\": \"SIMPLE\"}";
  }

  static String sub(String ref, String name, Integer version) {
    return "{\"name\": \"s\", \"taskReferenceName\": \""
        + ref
        + "\", \"type\": \"SUB_WORKFLOW\", \"subWorkflowParam\": {\"name\": \""
        + name
        + "\""
        + (version == null ? "" : ", \"version\": " + version)
        + "}}";
  }

  @BeforeEach
  void setUp() throws IOException {
    idflow = project.resolve("idflow");
    backups = project.resolve("target/idflow/backup");
    write("workflows/order.json", wf("order", 3, "shop@x.io", simple()));
    listing(
        wf("order", 1, "shop@x.io", simple()),
        wf("order", 2, "shop@x.io", simple()),
        wf("order", 3, "shop@x.io", simple()),
        wf("order", 4, "shop@x.io", simple()),
        wf("pay", 1, "shop@x.io", simple()),
        wf("pay", 2, "shop@x.io", simple()),
        wf("pay", 3, "shop@x.io", simple()),
        // An old parent version still pins pay v1, inside an inline sub-workflow.
        wf(
            "parent",
            1,
            "shop@x.io",
            "{\"name\": \"i\", \"taskReferenceName\": \"inline_ref\", \"type\": \"SUB_WORKFLOW\","
                + " \"subWorkflowParam\": {\"name\": \"inner\", \"workflowDefinition\": "
                + wf("inner", 1, "shop@x.io", sub("pay_ref", "pay", 1))
                + "}}"),
        wf("ship", 1, "ship@x.io", simple()),
        wf("ship", 2, "ship@x.io", simple()),
        wf("ship", 3, "ship@x.io", simple()));
    server.stubFor(get(urlPathMatching("/api/workflow/running/.*")).willReturn(okJson("[]")));
    server.stubFor(get("/api/event").willReturn(okJson("[]")));
    server.stubFor(
        delete(urlPathMatching("/api/metadata/workflow/.*"))
            .willReturn(aResponse().withStatus(200)));
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  void listing(String... workflows) {
    server.stubFor(
        get("/api/metadata/workflow").willReturn(okJson("[" + String.join(",", workflows) + "]")));
  }

  PruneWorkflows.Options options(int keep, boolean dryRun) {
    return new PruneWorkflows.Options(
        null, null, keep, dryRun, Set.of(), Set.of(), 10, backups, null, false);
  }

  PruneOutcome prune(PruneWorkflows.Options options) {
    PruneOutcome outcome = PruneWorkflows.run(client, LocalFiles.of(idflow), options, log, CLOCK);
    outcome.render(log);
    return outcome;
  }

  @Test
  void deletesOldVersionsOfTheProjectThatNothingNeedsAfterBackingThemUp() throws IOException {
    PruneOutcome outcome = prune(options(2, false));

    server.verify(2, deleteRequestedFor(anyUrl()));
    server.verify(deleteRequestedFor(urlEqualTo("/api/metadata/workflow/order/1")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/metadata/workflow/order/2")));
    assertThat(outcome.kept())
        .containsEntry(DefinitionId.workflow("order", 4), "one of the newest 2 versions of order")
        .containsEntry(
            DefinitionId.workflow("pay", 1),
            "pinned by workflow parent v1 (task ref inline_ref > pay_ref)")
        .containsEntry(DefinitionId.workflow("parent", 1), "one of the newest 2 versions of parent")
        .doesNotContainKey(DefinitionId.workflow("order", 3))
        .doesNotContainKey(DefinitionId.workflow("ship", 1));
    Path folder = backups.resolve("20261202-100000/workflows");
    assertThat(folder)
        .isDirectoryContaining("glob:**/order.v1.json")
        .isDirectoryContaining("glob:**/order.v2.json");
    // The backup is a definitions directory that upload-workflows reads.
    assertThat(DefinitionLoader.load(folder.getParent()).workflows())
        .extracting(d -> d.id().toString())
        .containsExactly("order v1", "order v2");
    assertThat(log.lines())
        .contains(
            "INFO Prune scope: ownerEmail shop@x.io (of the one local workflow definition); 8"
                + " workflow versions of 11 in Conductor are in scope",
            "INFO Kept workflow pay v1: pinned by workflow parent v1 (task ref inline_ref >"
                + " pay_ref)",
            "INFO ✓ Pruned workflow: order v1",
            "INFO   restore with: mvn idflow:upload-workflows -Didflow.directory="
                + Texts.path(backups.resolve("20261202-100000")),
            "INFO Prune Summary: 2 workflow versions pruned successfully, 0 failed");
    assertThat(outcome.failure()).isEmpty();
  }

  @Test
  void aDeleteTheServerRefusesFailsTheRunAndTheOthersStillGo() {
    server.stubFor(
        delete(urlEqualTo("/api/metadata/workflow/order/1"))
            .willReturn(aResponse().withStatus(409).withBody("{\"message\":\"in use\"}")));
    server.stubFor(
        get(urlPathEqualTo("/api/metadata/workflow/order"))
            .willReturn(okJson(wf("order", 1, "shop@x.io", simple()))));

    PruneOutcome outcome = prune(options(2, false));

    server.verify(deleteRequestedFor(urlEqualTo("/api/metadata/workflow/order/2")));
    assertThat(outcome.prunedCount()).isEqualTo(1);
    assertThat(outcome.failure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Could not prune 1 of 2 workflow versions: order v1 (all are backed up in "
                          + Texts.path(backups.resolve("20261202-100000"))
                          + ")");
              assertThat(f.blame()).isEqualTo(io.idflow.core.outcome.Failure.Blame.USER);
            });
    assertThat(log.lines())
        .anyMatch(
            l ->
                l.startsWith("ERROR ✗ Failed to prune workflow: order v1: Conductor answered 409"));
  }

  @Test
  void aVersionWithARunningOrPausedExecutionIsKept() {
    // The execution store answers every version's executions: each is read for its version.
    server.stubFor(
        get(urlPathEqualTo("/api/workflow/running/order"))
            .willReturn(okJson("[\"e1\", \"e2\", \"e3\"]")));
    server.stubFor(
        get(urlPathEqualTo("/api/workflow/e1"))
            .willReturn(okJson("{\"workflowVersion\": 2, \"status\": \"PAUSED\"}")));
    server.stubFor(
        get(urlPathEqualTo("/api/workflow/e2"))
            .willReturn(okJson("{\"workflowVersion\": 4, \"status\": \"RUNNING\"}")));
    server.stubFor(
        get(urlPathEqualTo("/api/workflow/e3"))
            .willReturn(okJson("{\"workflowVersion\": 1, \"status\": \"COMPLETED\"}")));

    PruneOutcome outcome = prune(options(2, false));

    server.verify(1, deleteRequestedFor(anyUrl()));
    server.verify(deleteRequestedFor(urlEqualTo("/api/metadata/workflow/order/1")));
    assertThat(outcome.kept())
        .containsEntry(DefinitionId.workflow("order", 2), "1 execution running or paused (e1)");
    server.verify(
        1,
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            urlPathEqualTo("/api/workflow/e1")));
  }

  @Test
  void whenTheServerCannotSayWhatRunsNothingIsDeleted() {
    server.stubFor(
        get(urlPathEqualTo("/api/workflow/running/order"))
            .willReturn(aResponse().withStatus(500).withBody("boom")));

    PruneOutcome outcome = prune(options(2, false));

    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(outcome.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .startsWith(
                        "Cannot tell which workflow versions still have running or paused"
                            + " executions (GET ")
                    .endsWith("; nothing was deleted"));
    assertThat(backups).doesNotExist();
  }

  @Test
  void theLatestVersionStaysWhileAReferenceTakesTheLatest() {
    listing(
        wf("order", 3, "shop@x.io", simple()),
        wf("pay", 1, "shop@x.io", simple()),
        wf("pay", 2, "shop@x.io", simple()),
        wf("caller", 1, "other@x.io", sub("pay_latest", "pay", null)));

    PruneOutcome outcome = prune(options(0, true));

    assertThat(outcome.candidates())
        .extracting(PlanItem::id)
        .containsExactly(DefinitionId.workflow("pay", 1));
    assertThat(outcome.kept())
        .containsEntry(
            DefinitionId.workflow("pay", 2),
            "the latest version, started without a version by workflow caller v1 (task ref"
                + " pay_latest)");
    assertThat(log.lines())
        .contains(
            "INFO The following workflow versions will be pruned (not defined locally):",
            "INFO   - pay v1 (owner shop@x.io)",
            "INFO Dry run: nothing was deleted; 1 workflow version would be pruned");
    server.verify(0, deleteRequestedFor(anyUrl()));
  }

  @Test
  void aVersionAnEventHandlerStartsIsKeptWhetherTheHandlerIsTheServersOrLocal() throws IOException {
    listing(
        wf("order", 3, "shop@x.io", simple()),
        wf("pay", 1, "shop@x.io", simple()),
        wf("pay", 2, "shop@x.io", simple()),
        wf("pay", 3, "shop@x.io", simple()),
        wf("pay", 4, "shop@x.io", simple()));
    server.stubFor(
        get("/api/event")
            .willReturn(
                okJson(
                    "[{\"name\": \"on_paid\", \"event\": \"conductor:a:b\", \"actions\":"
                        + " [{\"action\": \"start_workflow\", \"start_workflow\": {\"name\":"
                        + " \"pay\", \"version\": 1}}]}]")));
    write(
        "events/refund.json",
        "{\"name\": \"on_refund\", \"event\": \"conductor:a:c\", \"active\": true,"
            + " \"actions\": [{\"action\": \"start_workflow\", \"start_workflow\": {\"name\":"
            + " \"pay\", \"version\": 2}}]}");

    PruneOutcome outcome = prune(options(0, true));

    assertThat(outcome.candidates())
        .extracting(PlanItem::id)
        .containsExactly(DefinitionId.workflow("pay", 3), DefinitionId.workflow("pay", 4));
    assertThat(outcome.kept())
        .containsEntry(
            DefinitionId.workflow("pay", 1),
            "pinned by event handler on_paid (at /actions/0/start_workflow)")
        .containsEntry(
            DefinitionId.workflow("pay", 2),
            "pinned by local event handler on_refund (at /actions/0/start_workflow)");
  }

  @Test
  void aNamedVersionIsPrunedWithEveryGuard() {
    PruneOutcome one =
        prune(
            new PruneWorkflows.Options(
                "order", 1, 2, false, Set.of(), Set.of(), 10, backups, null, false));
    server.verify(1, deleteRequestedFor(anyUrl()));
    assertThat(one.results()).extracting(r -> r.name()).containsExactly("order v1");

    PruneOutcome newest =
        prune(
            new PruneWorkflows.Options(
                "order", 4, 2, false, Set.of(), Set.of(), 10, backups, null, false));
    assertThat(newest.candidates()).isEmpty();
    assertThat(newest.kept()).containsOnlyKeys(DefinitionId.workflow("order", 4));

    assertThatThrownBy(
            () ->
                PruneWorkflows.run(
                    client,
                    LocalFiles.of(idflow),
                    new PruneWorkflows.Options(
                        "order", 9, 2, false, Set.of(), Set.of(), 10, backups, null, false),
                    log,
                    CLOCK))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "Workflow order v9 is not in Conductor (versions: [1, 2, 3, 4]); nothing was deleted");
  }

  @Test
  void moreCandidatesThanTheGuardAllowsDeleteNothing() {
    PruneOutcome outcome =
        prune(
            new PruneWorkflows.Options(
                null, null, 0, false, Set.of(), Set.of(), 1, backups, null, false));

    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(outcome.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .contains("more than idflow.prune.maxDeletions=1; nothing was deleted"));
  }

  @Test
  void aWorkflowNamedAtRunTimeBlocksThePruneUnlessExcludesSayWhatItMayStart() {
    listing(
        wf("order", 1, "shop@x.io", simple()),
        wf("order", 3, "shop@x.io", simple()),
        wf("router", 1, "other@x.io", sub("dyn_ref", "${workflow.input.flow}", null)));

    PruneOutcome blocked = prune(options(0, false));
    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(blocked.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .contains(
                        "router v1 starts a workflow whose name is chosen at run time; nothing was"
                            + " deleted"));

    PruneOutcome allowed =
        prune(
            new PruneWorkflows.Options(
                null, null, 0, false, Set.of(), Set.of("pay*"), 10, backups, null, false));
    assertThat(allowed.failure()).isEmpty();
    server.verify(1, deleteRequestedFor(urlEqualTo("/api/metadata/workflow/order/1")));
  }

  @Test
  void aScopeIsNeeded() throws IOException {
    write("workflows/other.json", wf("other", 1, "other@x.io", simple()));

    assertThatThrownBy(
            () -> PruneWorkflows.run(client, LocalFiles.of(idflow), options(2, false), log, CLOCK))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "Cannot tell which workflow definitions in Conductor belong to this project: the local"
                + " workflow definitions do not share one ownerEmail (found: other@x.io,"
                + " shop@x.io). Set the owner with -Didflow.ownerEmail=<email>, or name the"
                + " workflows with -Didflow.prune.includes=<glob,...> (e.g. 'orders_*'); nothing"
                + " was deleted");
  }

  private void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
