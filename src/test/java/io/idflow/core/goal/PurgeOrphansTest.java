package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.apply.Purger;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.DiffOutcome;
import io.idflow.core.outcome.PurgeOutcome;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** purge-orphans against a stubbed server: what is deleted, what is kept, and what stops it. */
class PurgeOrphansTest {
  static final String TASKDEFS = "/api/metadata/taskdefs";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-05T14:30:12Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  Path idflow;
  Path backups;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() throws IOException {
    idflow = project.resolve("idflow");
    backups = project.resolve("target/idflow/backup");
    write(
        "tasks/kept.json",
        """
        [{"name": "pay_charge", "ownerEmail": "pay@x.io"}, {"name": "pay_refund", "ownerEmail": "pay@x.io"}]\
        """);
    write(
        "workflows/local_flow.json",
        """
        {"name": "pay_local_flow", "version": 1, "tasks": [{"name": "pay_charge", "taskReferenceName": "c_ref"},
         {"name": "pay_used_locally", "taskReferenceName": "l_ref"}]}\
        """);
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    """
                    [{"name": "pay_charge", "ownerEmail": "pay@x.io"},
                     {"name": "pay_refund", "ownerEmail": "pay@x.io"},
                     {"name": "pay_old_b", "ownerEmail": "pay@x.io", "retryCount": 7, "createTime": 1795936509985},
                     {"name": "pay_old_a", "ownerEmail": "pay@x.io"},
                     {"name": "pay_used_remotely", "ownerEmail": "pay@x.io"},
                     {"name": "pay_used_locally", "ownerEmail": "pay@x.io"},
                     {"name": "ship_label", "ownerEmail": "ship@x.io"},
                     {"name": "no_owner"}]\
                    """)));
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    """
                    [{"name": "order_flow", "version": 3, "tasks": [{"name": "fork", "taskReferenceName": "f", "type": "FORK_JOIN",
                      "forkTasks": [[{"name": "pay_used_remotely", "taskReferenceName": "charge_ref"}]]}]},
                     {"name": "ship_flow", "version": 1, "tasks": [{"name": "ship_label", "taskReferenceName": "s"}]}]\
                    """)));
    server.stubFor(
        delete(urlPathMatching(TASKDEFS + "/.*")).willReturn(aResponse().withStatus(200)));
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  PurgeOrphans.Options options(boolean force, boolean dryRun, int max) {
    return new PurgeOrphans.Options(force, dryRun, Set.of(), Set.of(), max, backups, null, false);
  }

  @Test
  void diffShowsExactlyTheDeletionsAndTheKeptTasksThatPurgeActsOn() {
    // Before the one planner, diff listed pay_used_remotely and pay_used_locally as "-" (to delete)
    // while
    // purge-orphans kept them: the two read one plan now.
    PurgeOutcome purge =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, true, 10), log, CLOCK);
    DiffOutcome diff =
        Diff.run(
            client,
            LocalFiles.of(idflow),
            new Diff.Options(Set.of(), Set.of(), false, null, false),
            log);

    assertThat(names(diff.plan(), Action.DELETE))
        .isEqualTo(names(purge.plan(), Action.DELETE))
        .containsExactly("pay_old_a", "pay_old_b");
    assertThat(names(diff.plan(), Action.KEEP_IN_USE))
        .isEqualTo(names(purge.plan(), Action.KEEP_IN_USE))
        .containsExactly("pay_used_locally", "pay_used_remotely");
    assertThat(diff.lines())
        .contains(
            "- task pay_old_a (only in Conductor)",
            "= task pay_used_remotely (only in Conductor; kept: used by workflow order_flow v3"
                + " (task ref charge_ref))")
        .noneMatch(l -> l.startsWith("- task pay_used"));
    server.verify(0, deleteRequestedFor(anyUrl()));
  }

  private static List<String> names(Plan plan, Action action) {
    return plan.with(action).stream().map(PlanItem::name).toList();
  }

  @Test
  void deletesExactlyTheUnusedOrphansOfThisProjectAfterBackingThemUp() throws IOException {
    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);

    server.verify(1, getRequestedFor(urlEqualTo(TASKDEFS)));
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
    server.verify(2, deleteRequestedFor(anyUrl()));
    server.verify(deleteRequestedFor(urlEqualTo(TASKDEFS + "/pay_old_a")));
    server.verify(deleteRequestedFor(urlEqualTo(TASKDEFS + "/pay_old_b")));
    assertThat(report.failed()).isFalse();
    Path folder = backups.resolve("20261105-143012");
    assertThat(report.backup()).isEqualTo(folder);
    JsonNode saved = Json.mapper().readTree(folder.resolve("tasks/pay_old_b.json").toFile());
    assertThat(saved.path("retryCount").asInt()).isEqualTo(7);
    assertThat(saved.path("createTime").asLong()).isEqualTo(1795936509985L);
    try (Stream<Path> files = Files.list(folder.resolve("tasks"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly("pay_old_a.json", "pay_old_b.json");
    }

    assertThat(log.lines())
        .singleElement()
        .asString()
        .contains("task 'pay_used_locally' (ref l_ref) has no task definition in local files");
    log.clear();
    report.render(log);
    assertThat(log.lines())
        .containsExactly(
            "INFO Purge scope: ownerEmail pay@x.io (shared by all 2 local task definitions); 6 task"
                + " definitions of 8 in Conductor are in scope",
            "WARN Task 'pay_used_locally' is in use by local workflow pay_local_flow v1 (task ref"
                + " l_ref) - skipped",
            "WARN Task 'pay_used_remotely' is in use by workflow order_flow v3 (task ref"
                + " charge_ref) - skipped",
            "INFO Backed up 2 task definitions to " + folder,
            "INFO   restore with: mvn idflow:sync-tasks -Didflow.directory=" + folder,
            "INFO Purging 2 orphaned tasks...",
            "INFO ✓ Purged task: pay_old_a",
            "INFO ✓ Purged task: pay_old_b",
            "INFO ",
            "INFO Purge Summary: 2 tasks purged successfully, 0 failed");
  }

  @Test
  void theBackupIsADefinitionsDirectoryThatSyncRestores() throws IOException {
    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);
    server.stubFor(get(TASKDEFS).willReturn(okJson("[]")));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(TASKDEFS)
            .willReturn(aResponse().withStatus(200)));

    UploadOutcome restored =
        SyncTasks.run(client, LocalFiles.of(report.backup()), SyncTasks.Options.defaults(), log);

    assertThat(restored.results())
        .extracting(UploadResult::name, UploadResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pay_old_a", UploadResult.Status.CREATED),
            org.assertj.core.groups.Tuple.tuple("pay_old_b", UploadResult.Status.CREATED));
  }

  @Test
  void dryRunListsAndDeletesNothing() {
    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, true, 1), log, CLOCK);

    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(backups).doesNotExist();
    report.render(log);
    assertThat(log.lines())
        .containsSubsequence(
            "INFO The following tasks will be purged (not available locally):",
            "INFO   - pay_old_a (owner pay@x.io)",
            "INFO   - pay_old_b (owner pay@x.io)",
            "INFO ",
            "INFO Dry run: nothing was deleted; 2 tasks would be purged",
            "WARN That is more than idflow.purge.maxDeletions=1: a real run would stop before"
                + " deleting anything");
  }

  @Test
  void theGuardStopsBeforeAnyBackupOrDelete() {
    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 1), log, CLOCK);

    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(backups).doesNotExist();
    assertThat(report.guard())
        .isInstanceOf(IdflowException.class)
        .hasMessageStartingWith(
            "2 task definitions would be purged, more than idflow.purge.maxDeletions=1; nothing was"
                + " deleted.")
        .hasMessageContaining("-Didflow.purge.maxDeletions=2");
    report.render(log);
    assertThat(log.lines())
        .contains("INFO The following tasks would be purged (not available locally):");
  }

  @Test
  void forceSkipsTheUsageCheckNeverTheScope() {
    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(true, false, 10), log, CLOCK);

    server.verify(0, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
    assertThat(report.results())
        .extracting(Purger.Result::name)
        .containsExactly("pay_old_a", "pay_old_b", "pay_used_locally", "pay_used_remotely");
    report.render(log);
    assertThat(log.lines())
        .contains(
            "WARN Usage check skipped (force): task definitions are deleted even when workflows use"
                + " them");
  }

  @Test
  void aFailedDeleteIsReportedAndTheOthersStillGo() {
    server.stubFor(
        delete(urlEqualTo(TASKDEFS + "/pay_old_a"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(
                        """
                        {"status":500,"message":"Error while deleting","retryable":false}\
                        """)));
    server.stubFor(
        get(TASKDEFS + "/pay_old_a")
            .willReturn(okJson("{\"name\": \"pay_old_a\", \"ownerEmail\": \"pay@x.io\"}")));

    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);

    server.verify(2, deleteRequestedFor(anyUrl()));
    assertThat(report.failed()).isTrue();
    assertThat(report.serverUnavailable()).isTrue();
    report.render(log);
    assertThat(log.lines())
        .contains(
            "ERROR ✗ Failed to purge task: pay_old_a: Conductor answered 500: Error while deleting",
            "INFO ✓ Purged task: pay_old_b",
            "ERROR Purge Summary: 1 task purged successfully, 1 failed");
  }

  @Test
  void failsWithoutAScopeBeforeAnyRequest() throws IOException {
    write(
        "tasks/other.json",
        """
        {"name": "other_team_task", "ownerEmail": "other@x.io"}\
        """);

    assertThatThrownBy(
            () ->
                PurgeOrphans.run(
                    client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("do not share one ownerEmail (found: other@x.io, pay@x.io)");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anInvalidLocalFileStopsThePurgeBeforeAnyRequest() throws IOException {
    write("tasks/broken.json", "[{\"name\": \"pay_old_a\",]");

    assertThatThrownBy(
            () ->
                PurgeOrphans.run(
                    client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK))
        .isInstanceOf(InvalidDefinitionsException.class);
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anExplicitOwnerAndIncludesSetTheScope() {
    PurgeOutcome report =
        PurgeOrphans.run(
            client,
            LocalFiles.of(idflow),
            new PurgeOrphans.Options(
                false, true, Set.of("no_*"), Set.of("pay_old_b"), 10, backups, "ship@x.io", false),
            log,
            CLOCK);

    assertThat(report.candidates().stream().map(PlanItem::name).toList())
        .containsExactly("no_owner");
    assertThat(report.inUse()).extracting(p -> p.name()).containsExactly("ship_label");
  }

  @Test
  void nothingToPurgeSaysSo() throws IOException {
    write(
        "tasks/all.json",
        """
        [{"name": "pay_old_a", "ownerEmail": "pay@x.io"}, {"name": "pay_old_b", "ownerEmail": "pay@x.io"}]\
        """);

    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);

    assertThat(backups).doesNotExist();
    report.render(log);
    assertThat(log.lines()).endsWith("INFO No orphaned tasks to purge (2 orphaned tasks in use)");
  }

  void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  // ---- tasks chosen at run time

  private void serverWorkflowsPickTasksAtRunTime() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    """
                    [{"name": "router", "version": 2, "tasks": [{"name": "pick", "taskReferenceName": "pick_ref", "type": "DYNAMIC",
                      "dynamicTaskNameParam": "taskToRun", "inputParameters": {"taskToRun": "${workflow.input.task}"}}]},
                     {"name": "fanout", "version": 1, "tasks": [{"name": "fork", "taskReferenceName": "fork_ref", "type": "FORK_JOIN_DYNAMIC",
                      "dynamicForkTasksParam": "dynamicTasks", "dynamicForkTasksInputParamName": "dynamicTasksInput",
                      "inputParameters": {"dynamicTasks": "${prep.output.tasks}", "dynamicTasksInput": "${prep.output.inputs}"}}]},
                     {"name": "fixed", "version": 1, "tasks": [{"name": "pick", "taskReferenceName": "p", "type": "DYNAMIC",
                      "dynamicTaskNameParam": "t", "inputParameters": {"t": "pay_used_remotely"}}]}]\
                    """)));
  }

  @Test
  void aWorkflowThatPicksItsTasksAtRunTimeStopsThePurgeAndIsNamed() {
    serverWorkflowsPickTasksAtRunTime();

    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);

    server.verify(0, deleteRequestedFor(anyUrl()));
    assertThat(report.backup()).isNull();
    assertThat(report.guard())
        .hasMessage(
            "2 task definitions would be purged, but the usage check cannot see which tasks fanout"
                + " v1, router v2 pick at run time; nothing was deleted. Keep the task definitions"
                + " those workflows may run with -Didflow.purge.excludes=<glob,...>, or delete"
                + " regardless with -Didflow.force=true");
    log.clear();
    report.render(log);
    assertThat(log.lines())
        .contains(
            "WARN Task ref fork_ref (FORK_JOIN_DYNAMIC) of workflow fanout v1 picks the task it"
                + " runs at run time: the usage check cannot see which",
            "WARN Task ref pick_ref (DYNAMIC) of workflow router v2 picks the task it runs at run"
                + " time: the usage check cannot see which");
    assertThat(log.lines())
        .noneMatch(l -> l.contains("of workflow fixed"))
        .contains(
            "WARN Task 'pay_used_remotely' is in use by workflow fixed v1 (task ref p) - skipped");
  }

  @Test
  void explicitExcludesLetThePurgeGoOnBesideRunTimeChoices() {
    serverWorkflowsPickTasksAtRunTime();

    PurgeOutcome report =
        PurgeOrphans.run(
            client,
            LocalFiles.of(idflow),
            new PurgeOrphans.Options(
                false,
                false,
                Set.of(),
                Set.of("pay_old_b", "pay_used_*"),
                10,
                backups,
                null,
                false),
            log,
            CLOCK);

    assertThat(report.failed()).isFalse();
    server.verify(1, deleteRequestedFor(anyUrl()));
    server.verify(deleteRequestedFor(urlEqualTo(TASKDEFS + "/pay_old_a")));
  }

  @Test
  void forceDeletesDespiteRunTimeChoices() {
    serverWorkflowsPickTasksAtRunTime();

    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(true, false, 10), log, CLOCK);

    assertThat(report.failed()).isFalse();
    assertThat(report.deletions().chosenAtRunTime()).isEmpty();
    server.verify(0, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
  }

  // ---- backups

  @Test
  void namesThatCollideAsFileNamesGetABackupEach() throws IOException {
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    """
                    [{"name": "pay_a_b", "ownerEmail": "pay@x.io", "retryCount": 1},
                     {"name": "pay_a|b", "ownerEmail": "pay@x.io", "retryCount": 2},
                     {"name": "pay_Foo", "ownerEmail": "pay@x.io", "retryCount": 3},
                     {"name": "pay_foo", "ownerEmail": "pay@x.io", "retryCount": 4},
                     {"name": "pay_a:b", "ownerEmail": "pay@x.io", "retryCount": 5}]\
                    """)));

    PurgeOutcome report =
        PurgeOrphans.run(client, LocalFiles.of(idflow), options(false, false, 10), log, CLOCK);

    assertThat(report.purgedCount()).isEqualTo(5);
    try (Stream<Path> files = Files.list(report.backup().resolve("tasks"))) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT))
                  .distinct())
          .hasSize(5);
    }
    // The backup is a definitions directory: each definition comes back whole.
    var restored = io.idflow.core.local.DefinitionLoader.load(report.backup());
    assertThat(restored.problems()).isEmpty();
    assertThat(restored.tasks())
        .extracting(d -> d.name() + "=" + d.json().path("retryCount").asInt())
        .containsExactlyInAnyOrder("pay_a_b=1", "pay_a|b=2", "pay_Foo=3", "pay_foo=4", "pay_a:b=5");
  }
}
