package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.ExportOutcome;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.Plan;
import io.idflow.core.remote.RemoteDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** export against a stubbed server: what is written, where, in which shape, and what is left. */
class ExportTest {
  static final String WORKFLOWS =
      """
      [{"createTime": 1795936462082, "updateTime": 1795936462999, "createdBy": "admin",
        "name": "order_flow", "description": "Takes an order", "version": 1, "schemaVersion": 2,
        "tasks": [{"name": "charge", "taskReferenceName": "charge_ref", "type": "SIMPLE",
                   "inputParameters": {}, "startDelay": 0, "optional": false}],
        "inputParameters": [], "outputParameters": {}, "restartable": true,
        "timeoutPolicy": "ALERT_ONLY", "timeoutSeconds": 0, "ownerEmail": "shop@x.io"},
       {"createTime": 1795936463000, "name": "order_flow", "description": "Takes an order, v2",
        "version": 2, "schemaVersion": 2,
        "tasks": [{"name": "charge", "taskReferenceName": "charge_ref", "type": "SIMPLE",
                   "inputParameters": {"amount": "${workflow.input.amount}"}, "startDelay": 0,
                   "optional": true, "decisionCases": {}, "defaultCase": [], "loopOver": []}],
        "inputParameters": ["amount"], "outputParameters": {}, "restartable": true,
        "timeoutPolicy": "TIME_OUT_WF", "timeoutSeconds": 600, "ownerEmail": "shop@x.io",
        "variables": {}, "inputTemplate": {}, "enforceSchema": true},
       {"name": "ship_flow", "version": 3, "schemaVersion": 2, "timeoutSeconds": 60,
        "tasks": [{"name": "label", "taskReferenceName": "label_ref", "type": "SIMPLE"}],
        "ownerEmail": "ship@x.io"}]\
      """;

  static final String TASKS =
      """
      [{"createTime": 1795936462000, "createdBy": "admin", "name": "charge", "retryCount": 5,
        "timeoutSeconds": 0, "inputKeys": [], "outputKeys": [], "timeoutPolicy": "TIME_OUT_WF",
        "retryLogic": "FIXED", "retryDelaySeconds": 60, "responseTimeoutSeconds": 30,
        "rateLimitPerFrequency": 0, "rateLimitFrequencyInSeconds": 1, "ownerEmail": "shop@x.io",
        "backoffScaleFactor": 1, "totalTimeoutSeconds": 0, "enforceSchema": false},
       {"name": "label", "retryCount": 3, "responseTimeoutSeconds": 3600, "timeoutSeconds": 0,
        "ownerEmail": "ship@x.io"}]\
      """;

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  Path idflow;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() {
    idflow = project.resolve("idflow");
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson(WORKFLOWS)));
    server.stubFor(get("/api/metadata/taskdefs").willReturn(okJson(TASKS)));
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static Export.Options options() {
    return new Export.Options(Set.of(), Set.of(), null, Export.Versions.LATEST, false, false);
  }

  ExportOutcome export(Export.Options options) {
    ExportOutcome outcome = Export.run(client, LocalFiles.of(idflow), options, log);
    outcome.render(log);
    return outcome;
  }

  List<String> files() throws IOException {
    if (!Files.exists(idflow)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(idflow)) {
      return all.filter(Files::isRegularFile)
          .map(p -> idflow.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void writesTheNewestVersionOfEachWorkflowAndEveryTaskDefinitionAsAPersonWouldHave()
      throws IOException {
    ExportOutcome outcome = export(options());

    assertThat(files())
        .containsExactly(
            "tasks/charge.json",
            "tasks/label.json",
            "workflows/order_flow.json",
            "workflows/ship_flow.json");
    assertThat(Files.readString(idflow.resolve("workflows/order_flow.json")))
        .isEqualTo(
            """
            {
              "name": "order_flow",
              "description": "Takes an order, v2",
              "version": 2,
              "tasks": [
                {
                  "name": "charge",
                  "taskReferenceName": "charge_ref",
                  "type": "SIMPLE",
                  "inputParameters": {
                    "amount": "${workflow.input.amount}"
                  },
                  "optional": true
                }
              ],
              "inputParameters": [
                "amount"
              ],
              "timeoutPolicy": "TIME_OUT_WF",
              "timeoutSeconds": 600,
              "ownerEmail": "shop@x.io"
            }
            """);
    assertThat(Files.readString(idflow.resolve("tasks/charge.json")))
        .isEqualTo(
            """
            {
              "name": "charge",
              "retryCount": 5,
              "responseTimeoutSeconds": 30,
              "ownerEmail": "shop@x.io"
            }
            """);
    assertThat(log.lines())
        .contains(
            "INFO ✓ Exported workflow order_flow v2 to " + rel("workflows/order_flow.json"),
            "INFO Summary: exported 2 workflows and 2 task definitions");
    assertThat(outcome.entries()).extracting(e -> e.outcome()).containsOnly("exported");
  }

  @Test
  void rightAfterAnExportDiffPlansNothingAndValidatePasses() throws IOException {
    export(new Export.Options(Set.of(), Set.of(), null, Export.Versions.ALL, false, false));

    LocalDefinitions local = Definitions.loadValid(LocalFiles.of(idflow), null, false, log);
    assertThat(local.workflows()).hasSize(3);
    RemoteDefinitions remote =
        RemoteDefinitions.of(Map.of(Kind.WORKFLOW, list(WORKFLOWS), Kind.TASK, list(TASKS)));
    Plan plan = Diff.plan(local, remote, null);
    assertThat(plan.items()).extracting(i -> i.action()).containsOnly(Action.UNCHANGED);
    assertThat(plan.items()).hasSize(5);
  }

  @Test
  void everyVersionGoesToItsOwnFile() throws IOException {
    export(new Export.Options(Set.of(), Set.of(), null, Export.Versions.ALL, false, false));

    assertThat(files())
        .contains(
            "workflows/order_flow.v1.json",
            "workflows/order_flow.v2.json",
            "workflows/ship_flow.json");
  }

  @Test
  void selectsByNameGlobsAndOwner() throws IOException {
    export(
        new Export.Options(
            Set.of("order_*", "charge", "label"),
            Set.of(),
            "shop@x.io",
            Export.Versions.LATEST,
            false,
            false));
    assertThat(files()).containsExactly("tasks/charge.json", "workflows/order_flow.json");

    Files.walk(idflow)
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    export(
        new Export.Options(Set.of(), Set.of("*_flow"), null, Export.Versions.LATEST, false, false));
    assertThat(files()).containsExactly("tasks/charge.json", "tasks/label.json");
  }

  @Test
  void skipsWhatALocalFileDefinesAndNeverWritesOverAFile() throws IOException {
    // order_flow v2 is defined locally; ship_flow.json holds something else.
    write(
        "workflows/mine.json",
        "[{\"name\": \"order_flow\", \"version\": 2, \"description\": \"local\", \"tasks\":"
            + " [{\"name\": \"x\", \"taskReferenceName\": \"x\", \"type\": \"INLINE\"}]},"
            + " {\"name\": \"other\", \"tasks\": [{\"name\": \"x\", \"taskReferenceName\": \"x\","
            + " \"type\": \"INLINE\"}]}]");
    write("workflows/ship_flow.json", "{\"name\": \"ship_flow_local\", \"tasks\": []}");
    String before = Files.readString(idflow.resolve("workflows/mine.json"));

    ExportOutcome outcome = export(options());

    assertThat(Files.readString(idflow.resolve("workflows/mine.json"))).isEqualTo(before);
    assertThat(Files.readString(idflow.resolve("workflows/ship_flow.json")))
        .isEqualTo("{\"name\": \"ship_flow_local\", \"tasks\": []}");
    assertThat(files()).contains("workflows/ship_flow.v3.json");
    assertThat(log.lines())
        .contains(
            "INFO Skipped workflow order_flow v2: defined in idflow/workflows/mine.json [0]"
                + " (-Didflow.force=true replaces it with the server's)",
            "INFO Summary: exported 1 workflow and 2 task definitions, 1 skipped");
    assertThat(outcome.count(ExportOutcome.Action.SKIP)).isEqualTo(1);
  }

  @Test
  void forceReplacesTheLocalCopyInItsOwnFileAndLeavesTheOthers() throws IOException {
    write(
        "workflows/mine.json",
        "[{\"name\": \"order_flow\", \"version\": 2, \"description\": \"local\", \"tasks\":"
            + " [{\"name\": \"x\", \"taskReferenceName\": \"x\", \"type\": \"INLINE\"}]},"
            + " {\"name\": \"other\", \"tasks\": [{\"name\": \"x\", \"taskReferenceName\": \"x\","
            + " \"type\": \"INLINE\"}]}]");

    export(
        new Export.Options(
            Set.of("order_flow"), Set.of(), null, Export.Versions.LATEST, true, false));

    var array = Json.mapper().readTree(idflow.resolve("workflows/mine.json").toFile());
    assertThat(array.get(0).path("description").asText()).isEqualTo("Takes an order, v2");
    assertThat(array.get(1).path("name").asText()).isEqualTo("other");
    assertThat(files()).containsExactly("workflows/mine.json");
    assertThat(log.lines())
        .contains("INFO ✓ Replaced workflow order_flow v2 in " + rel("workflows/mine.json"));
  }

  @Test
  void forceNeverWritesOverAFileWithPlaceholdersAndServerTextIsWrittenEscaped() throws IOException {
    String mine =
        "{\"name\": \"order_flow\", \"version\": \"@{v}\", \"tasks\": [{\"name\": \"x\","
            + " \"taskReferenceName\": \"x\", \"type\": \"INLINE\"}]}";
    write("workflows/mine.json", mine);
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "[{\"name\": \"order_flow\", \"version\": 2, \"description\": \"old\","
                        + " \"tasks\": []}, {\"name\": \"mail\", \"version\": 1,"
                        + " \"description\": \"to @{team} at ${workflow.input.x}\","
                        + " \"tasks\": []}]")));
    LocalFiles files =
        new LocalFiles(
            idflow,
            io.idflow.core.local.Placeholders.builder("@{", "}")
                .add("the plugin's <placeholders>", Map.of("v", "2"))
                .build());

    ExportOutcome outcome =
        Export.run(
            client,
            files,
            new Export.Options(Set.of(), Set.of(), null, Export.Versions.LATEST, true, false),
            log);

    assertThat(Files.readString(idflow.resolve("workflows/mine.json"))).isEqualTo(mine);
    assertThat(outcome.items())
        .filteredOn(i -> i.action() == ExportOutcome.Action.SKIP)
        .singleElement()
        .extracting(ExportOutcome.Item::reason)
        .asString()
        .contains("which uses placeholders (@{name}): the server's copy would replace them");
    assertThat(Files.readString(idflow.resolve("workflows/mail.json")))
        .contains("to @@{team} at ${workflow.input.x}");
    // Read back, the escaped text is the server's again: nothing to upload.
    LocalDefinitions back = io.idflow.core.local.DefinitionLoader.load(files);
    assertThat(back.workflows())
        .filteredOn(d -> d.name().equals("mail"))
        .singleElement()
        .extracting(d -> d.json().path("description").asText())
        .isEqualTo("to @{team} at ${workflow.input.x}");
  }

  @Test
  void aDryRunListsAndWritesNothing() throws IOException {
    ExportOutcome outcome =
        export(new Export.Options(Set.of(), Set.of(), null, Export.Versions.LATEST, false, true));

    assertThat(files()).isEmpty();
    assertThat(log.lines())
        .contains(
            "INFO Would export task charge to " + rel("tasks/charge.json"),
            "INFO Summary: dry run, nothing was written; would export 2 workflows and 2 task"
                + " definitions");
    assertThat(outcome.entries()).extracting(e -> e.outcome()).containsOnly("would-export");
  }

  @Test
  void unreadableLocalFilesStopItBeforeItAsksTheServer() throws IOException {
    write("workflows/broken.json", "{\"name\": ");

    assertThatThrownBy(() -> Export.run(client, LocalFiles.of(idflow), options(), log))
        .isInstanceOf(IdflowException.class)
        .hasMessageStartingWith("Nothing was exported: the local files cannot all be read")
        .hasMessageContaining("idflow/workflows/broken.json");
    server.verify(0, anyRequestedFor(anyUrl()));
    assertThat(files()).containsExactly("workflows/broken.json");
  }

  @Test
  void asksTheServerOncePerKind() {
    export(options());
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/taskdefs")));
  }

  private String rel(String path) {
    return io.idflow.core.Texts.path(idflow.resolve(path));
  }

  private void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<ObjectNode> list(String json) throws IOException {
    return Json.mapper().readerForListOf(ObjectNode.class).readValue(json);
  }
}
