package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.Json;
import io.idflow.core.api.WorkflowManager;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.outcome.UploadResult.Status;
import io.idflow.core.plan.DriftPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UploadWorkflowsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PUT_OK_ALL =
      "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"alpha\",\"bravo\",\"charlie\"]}";

  @TempDir Path root;
  private Path dir;
  private ConductorClient client;
  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() throws IOException {
    dir = root.resolve("idflow");
    client = ConductorClient.create(server.baseUrl());
    writeTask("work");
    writeWorkflow("alpha", "first");
    writeWorkflow("bravo", "second");
    writeWorkflow("charlie", "third");
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  // ---- fixtures

  private static String workflowJson(String name, String description) {
    return "{\"name\":\""
        + name
        + "\",\"description\":\""
        + description
        + "\",\"version\":1,\"ownerEmail\":\"team@example.com\","
        + "\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"work_ref\",\"type\":\"SIMPLE\",\"inputParameters\":{\"x\":\"${workflow.input.x}\"}}],"
        + "\"timeoutSeconds\":60}";
  }

  private void writeWorkflow(String name, String description) throws IOException {
    write("workflows/" + name + ".json", workflowJson(name, description));
  }

  private void writeTask(String name) throws IOException {
    write(
        "tasks/" + name + ".json",
        "{\"name\":\"" + name + "\",\"ownerEmail\":\"team@example.com\",\"retryCount\":1}");
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /**
   * What the server returns for {@code local}: audit fields first, defaults filled in,
   * timeoutSeconds as 60.0.
   */
  private static ObjectNode serverCopy(String local) throws IOException {
    ObjectNode def = (ObjectNode) Json.mapper().readTree(local);
    ObjectNode out =
        Json.mapper().createObjectNode().put("createTime", 0).put("updateTime", 1795936462082L);
    out.setAll(def);
    out.put("schemaVersion", 2)
        .put("restartable", true)
        .put("timeoutPolicy", "ALERT_ONLY")
        .put("timeoutSeconds", 60.0);
    out.putArray("inputParameters");
    out.putObject("variables");
    for (Iterator<com.fasterxml.jackson.databind.JsonNode> it = out.withArray("tasks").elements();
        it.hasNext(); ) {
      ObjectNode task = (ObjectNode) it.next();
      task.put("optional", false).put("startDelay", 0).put("asyncComplete", false);
      task.putObject("decisionCases");
      task.putArray("forkTasks");
    }
    return out;
  }

  private void serverHas(ObjectNode... defs) {
    ArrayNode array = Json.mapper().createArrayNode();
    for (ObjectNode d : defs) {
      array.add(d);
    }
    server.stubFor(get("/api/metadata/workflow").willReturn(okJson(array.toString())));
  }

  private static UploadWorkflows.Options options(
      Set<String> names, boolean force, boolean dryRun, DriftPolicy onDrift) {
    return new UploadWorkflows.Options(names, force, dryRun, onDrift, null, false);
  }

  private UploadOutcome upload(UploadWorkflows.Options options) {
    return UploadWorkflows.run(client, LocalFiles.of(dir), options, log);
  }

  private UploadOutcome upload() {
    return upload(UploadWorkflows.Options.defaults());
  }

  private static void verifyPuts(int count) {
    server.verify(count, putRequestedFor(anyUrl()));
  }

  private void stubPutFails(int status, String body) {
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /** The report as the Mojo logs it, without the levels. */
  private static List<String> rendered(UploadOutcome report) {
    CollectingLog out = new CollectingLog();
    report.render(out);
    return out.lines().stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
  }

  private static List<Object> resultsOf(UploadOutcome report) {
    List<Object> out = new ArrayList<>();
    report.results().forEach(r -> out.add(tuple(r.name(), r.status(), r.reason())));
    return out;
  }

  // ---- the happy paths

  @Test
  void firstUploadSendsOneGetAndOneBulkPut() {
    serverHas();
    server.stubFor(put("/api/metadata/workflow").willReturn(okJson(PUT_OK_ALL)));

    UploadOutcome report = upload();

    // The names and versions (here unknown: 404), then the one listing, then one write.
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow/names-and-versions")));
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(
                equalToJson(
                    "["
                        + workflowJson("alpha", "first")
                        + ","
                        + workflowJson("bravo", "second")
                        + ","
                        + workflowJson("charlie", "third")
                        + "]")));
    assertThat(server.getAllServeEvents()).hasSize(3);
    assertThat(report.results())
        .extracting(UploadResult::name, UploadResult::status)
        .containsExactly(
            tuple("alpha", Status.UPLOADED),
            tuple("bravo", Status.UPLOADED),
            tuple("charlie", Status.UPLOADED));
    assertThat(rendered(report))
        .containsSubsequence(
            "Found 3 workflow files",
            "✓ Uploaded workflow: alpha",
            "✓ Uploaded workflow: bravo",
            "✓ Uploaded workflow: charlie",
            "Summary: 3/3 workflows uploaded successfully");
    assertThat(report.failed()).isFalse();
  }

  @Test
  void rerunWithEverythingOnTheServerSendsNoPut() throws IOException {
    serverHas(
        serverCopy(workflowJson("alpha", "first")),
        serverCopy(workflowJson("bravo", "second")),
        serverCopy(workflowJson("charlie", "third")));

    UploadOutcome report = upload();

    verifyPuts(0);
    server.verify(1, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
    assertThat(rendered(report))
        .containsSubsequence(
            "Skipped 3 workflows (already up to date)", "Summary: All 3 workflows are up to date");
  }

  @Test
  void uploadsOnlyWhatIsMissing() throws IOException {
    serverHas(
        serverCopy(workflowJson("alpha", "first")), serverCopy(workflowJson("charlie", "third")));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"bravo\"]}")));

    UploadOutcome report = upload();

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(equalToJson("[" + workflowJson("bravo", "second") + "]")));
    assertThat(rendered(report))
        .containsSubsequence(
            "Workflow alpha is up to date (already exists in Conductor)",
            "✓ Uploaded workflow: bravo",
            "Workflow charlie is up to date (already exists in Conductor)",
            "Skipped 2 workflows (already up to date)",
            "Summary: 1/3 workflows uploaded successfully");
  }

  @Test
  void forceUploadsEverythingThroughTheSeedsApi() throws IOException {
    serverHas(
        serverCopy(workflowJson("alpha", "first")),
        serverCopy(workflowJson("bravo", "second")),
        serverCopy(workflowJson("charlie", "third")));
    server.stubFor(put("/api/metadata/workflow").willReturn(okJson(PUT_OK_ALL)));

    List<UploadResult> results = new WorkflowManager(client, dir, log).uploadWorkflows(true);

    verifyPuts(1);
    assertThat(results).extracting(UploadResult::status).containsOnly(Status.UPLOADED).hasSize(3);
  }

  @Test
  void dryRunSendsNoPut() throws IOException {
    serverHas(
        serverCopy(workflowJson("alpha", "first")), serverCopy(workflowJson("bravo", "old text")));

    UploadOutcome report = upload(options(Set.of(), false, true, DriftPolicy.OVERWRITE));

    verifyPuts(0);
    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.UP_TO_DATE, null),
            tuple("bravo", Status.WOULD_UPLOAD, "changed: /description"),
            tuple("charlie", Status.WOULD_UPLOAD, "not in Conductor"));
    assertThat(rendered(report))
        .contains("Would upload workflow: charlie (not in Conductor)")
        .endsWith("Summary: dry run, nothing was uploaded; 2/3 workflows would be uploaded");
  }

  @Test
  void singleWorkflowRunAnnouncesItselfAndSendsOnlyThatWorkflow() {
    serverHas();
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"bravo\"]}")));

    UploadOutcome report = upload(options(Set.of("bravo"), false, false, DriftPolicy.WARN));

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(equalToJson("[" + workflowJson("bravo", "second") + "]")));
    report.render(log);
    assertThat(log.lines())
        .containsExactly(
            "INFO Uploading workflow 'bravo' to Conductor...",
            "INFO ✓ Uploaded workflow: bravo",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✓ bravo",
            "INFO ",
            "INFO Summary: 1/1 workflows uploaded successfully");
  }

  @Test
  void fillsInTheDefaultOwnerEmailInWhatItSendsOnly() throws IOException {
    String noOwner =
        "{\"name\":\"delta\",\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"w\"}]}";
    write("workflows/delta.json", noOwner);
    serverHas(
        serverCopy(workflowJson("alpha", "first")),
        serverCopy(workflowJson("bravo", "second")),
        serverCopy(workflowJson("charlie", "third")));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"delta\"]}")));

    upload(
        new UploadWorkflows.Options(
            Set.of(), false, false, DriftPolicy.WARN, "ops@example.com", true));

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(
                equalToJson(
                    "[{\"name\":\"delta\",\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"w\"}],\"ownerEmail\":\"ops@example.com\"}]")));
    assertThat(Files.readString(dir.resolve("workflows/delta.json"))).isEqualTo(noOwner);
  }

  // ---- drift

  @Test
  void driftUnderFailSendsNoPutAndSaysWhy() throws IOException {
    serverHas(serverCopy(workflowJson("alpha", "changed on the server")));

    UploadOutcome report = upload(options(Set.of(), false, false, DriftPolicy.FAIL));

    verifyPuts(0);
    assertThat(report.failed()).isTrue();
    String nl = System.lineSeparator();
    assertThat(report.cause())
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "Drift (onDrift=fail): 1 workflow differs from Conductor at the same version; nothing"
                + " was uploaded:"
                + nl
                + "  alpha v1 (idflow/workflows/alpha.json)"
                + nl
                + "    /description: \"changed on the server\" -> \"first\""
                + nl
                + "Bump the version in the file, or run with -Didflow.onDrift=overwrite to replace"
                + " the server's copy");
    String blocked = "not uploaded: drift elsewhere blocks the upload (onDrift=fail)";
    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.DRIFTED, null),
            tuple("bravo", Status.FAILED, blocked),
            tuple("charlie", Status.FAILED, blocked));
    assertThat(rendered(report))
        .containsSubsequence(
            "⚠ Workflow alpha differs from Conductor at the same version (onDrift=fail), not"
                + " uploaded; remote -> local:",
            "    /description: \"changed on the server\" -> \"first\"",
            "✗ Failed to upload workflow: bravo",
            "    " + blocked,
            "Summary: 0/3 workflows uploaded, 2 failed, 1 differs from Conductor");
  }

  @Test
  void driftUnderWarnUploadsTheRest() throws IOException {
    serverHas(serverCopy(workflowJson("alpha", "changed on the server")));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"bravo\",\"charlie\"]}")));

    UploadOutcome report = upload(options(Set.of(), false, false, DriftPolicy.WARN));

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(
                equalToJson(
                    "["
                        + workflowJson("bravo", "second")
                        + ","
                        + workflowJson("charlie", "third")
                        + "]")));
    assertThat(report.failed()).isFalse();
    assertThat(report.results())
        .extracting(UploadResult::status)
        .containsExactly(Status.DRIFTED, Status.UPLOADED, Status.UPLOADED);
  }

  @Test
  void driftUnderOverwriteSendsTheLocalCopy() throws IOException {
    serverHas(
        serverCopy(workflowJson("alpha", "changed on the server")),
        serverCopy(workflowJson("bravo", "second")),
        serverCopy(workflowJson("charlie", "third")));
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(okJson("{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"alpha\"]}")));

    UploadOutcome report = upload(options(Set.of(), false, false, DriftPolicy.OVERWRITE));

    server.verify(
        1,
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(equalToJson("[" + workflowJson("alpha", "first") + "]")));
    assertThat(rendered(report)).endsWith("Summary: 1/3 workflows uploaded successfully");
  }

  // ---- server failures

  @Test
  void mapsAValidationErrorToTheDefinitionAtItsIndex() {
    serverHas();
    // The shape of src/test/resources/golden/roundtrip/bulk-put-invalid-2nd.json, for the second
    // definition sent.
    stubPutFails(
        400,
        "{\"status\":400,\"message\":\"Validation failed, check below errors for"
            + " detail.\",\"retryable\":false,\"validationErrors\":[{\"path\":\"updateWorkflowDef.arg0[1]\",\"message\":\"taskReferenceName:"
            + " dup should be unique across tasks for a given workflowDefinition: bravo\"}]}");

    UploadOutcome report = upload();

    verifyPuts(1);
    String other =
        "not uploaded: the server rejected the batch because of another definition (it stores all"
            + " or none)";
    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.FAILED, other),
            tuple(
                "bravo",
                Status.FAILED,
                "rejected by Conductor (400): taskReferenceName: dup should be unique across tasks"
                    + " for a given workflowDefinition: bravo"),
            tuple("charlie", Status.FAILED, other));
    assertThat(report.cause()).isInstanceOf(ConductorException.class);
    assertThat(report.serverUnavailable()).isFalse();
    assertThat(rendered(report)).endsWith("Summary: 0/3 workflows uploaded, 3 failed");
  }

  @Test
  void mapsUnorderedValidationErrorsWithPropertyPathsToTheirDefinitions() {
    serverHas();
    stubPutFails(
        400,
        "{\"status\":400,\"message\":\"Validation failed, check below errors for"
            + " detail.\",\"retryable\":false,"
            + "\"validationErrors\":[{\"path\":\"updateWorkflowDef.arg0[2].tasks[0].taskReferenceName\",\"message\":\"WorkflowTask"
            + " taskReferenceName name cannot be empty or"
            + " null\"},{\"path\":\"updateWorkflowDef.arg0[0].schemaVersion\",\"message\":\"workflowDef"
            + " schemaVersion: 2 is only"
            + " supported\",\"invalidValue\":\"1\"},{\"path\":\"updateWorkflowDef.arg0[2].ownerEmail\",\"message\":\"ownerEmail"
            + " cannot be empty\"}]}");

    UploadOutcome report = upload();

    assertThat(resultsOf(report))
        .containsExactly(
            tuple(
                "alpha",
                Status.FAILED,
                "rejected by Conductor (400): workflowDef schemaVersion: 2 is only supported"),
            tuple(
                "bravo",
                Status.FAILED,
                "not uploaded: the server rejected the batch because of another definition (it"
                    + " stores all or none)"),
            tuple(
                "charlie",
                Status.FAILED,
                "rejected by Conductor (400): WorkflowTask taskReferenceName name cannot be empty"
                    + " or null"
                    + System.lineSeparator()
                    + "ownerEmail cannot be empty"));
  }

  @Test
  void givesAnUnindexedRejectionToEveryDefinitionSent() {
    serverHas();
    stubPutFails(
        400,
        "{\"status\":400,\"message\":\"Validation failed, check below errors for"
            + " detail.\",\"retryable\":false,\"validationErrors\":[{\"path\":\"updateWorkflowDef.arg0\",\"message\":\"something"
            + " about the batch\"}]}");

    UploadOutcome report = upload();

    String reason =
        "rejected by Conductor (400): something about the batch"
            + System.lineSeparator()
            + "(the batch is all or none: nothing was uploaded)";
    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.FAILED, reason),
            tuple("bravo", Status.FAILED, reason),
            tuple("charlie", Status.FAILED, reason));
  }

  @Test
  void reportsAServerErrorOnThePutAsUnavailable() {
    serverHas();
    stubPutFails(
        500, "{\"status\":500,\"message\":\"boom\",\"instance\":\"vm\",\"retryable\":false}");

    UploadOutcome report = upload();

    String reason =
        "not uploaded: PUT " + server.baseUrl() + "/api/metadata/workflow answered 500: boom";
    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.FAILED, reason),
            tuple("bravo", Status.FAILED, reason),
            tuple("charlie", Status.FAILED, reason));
    assertThat(report.serverUnavailable()).isTrue();
  }

  @Test
  void reportsDefinitionsNamedInBulkErrorResults() {
    serverHas();
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{\"bravo\":\"could not store"
                        + " it\"},\"bulkSuccessfulResults\":[\"alpha\",\"charlie\"]}")));

    UploadOutcome report = upload();

    assertThat(resultsOf(report))
        .containsExactly(
            tuple("alpha", Status.UPLOADED, null),
            tuple("bravo", Status.FAILED, "rejected by Conductor: could not store it"),
            tuple("charlie", Status.UPLOADED, null));
    assertThat(report.failed()).isTrue();
  }

  @Test
  void failsBeforeWritingWhenTheServerCannotBeListed() {
    server.stubFor(get("/api/metadata/workflow").willReturn(aResponse().withStatus(503)));

    NothingDone e = catchThrowableOfType(NothingDone.class, this::upload);

    assertThat(e.getCause().status()).isEqualTo(503);
    assertThat(e)
        .hasMessageStartingWith(
            "Nothing was uploaded: GET "
                + server.baseUrl()
                + "/api/metadata/workflow answered 503");
    verifyPuts(0);
  }

  // ---- nothing is sent

  @Test
  void sendsNoRequestWhenLocalDefinitionsAreInvalid() throws IOException {
    write("workflows/broken.json", "{\"name\": \"broken\",");
    write(
        "workflows/dup.json",
        "{\"name\":\"dup\",\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"r\"},"
            + "{\"name\":\"work\",\"taskReferenceName\":\"r\"}]}");

    InvalidDefinitionsException e =
        catchThrowableOfType(InvalidDefinitionsException.class, this::upload);

    assertThat(e.errors()).hasSize(2);
    assertThat(e.getMessage())
        .isEqualTo(
            "2 invalid definition problems (nothing was sent to Conductor):"
                + System.lineSeparator()
                + "  idflow/workflows/broken.json line 1, column 19: is not valid JSON: Unexpected"
                + " end-of-input within/between Object entries"
                + System.lineSeparator()
                + "  idflow/workflows/dup.json at /tasks/1/taskReferenceName (workflow dup v1):"
                + " taskReferenceName: r should be unique across tasks for a given"
                + " workflowDefinition: dup (used by /tasks/0 and /tasks/1)");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void sendsNoRequestWhenOwnerEmailIsMandatoryAndMissing() throws IOException {
    write(
        "workflows/delta.json",
        "{\"name\":\"delta\",\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"w\"}]}");

    InvalidDefinitionsException e =
        catchThrowableOfType(
            InvalidDefinitionsException.class,
            () ->
                upload(
                    new UploadWorkflows.Options(
                        Set.of(), false, false, DriftPolicy.WARN, null, true)));

    assertThat(e.getMessage())
        .isEqualTo(
            "1 invalid definition problem (nothing was sent to Conductor):"
                + System.lineSeparator()
                + "  idflow/workflows/delta.json at /ownerEmail (workflow delta v1): ownerEmail"
                + " cannot be empty");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void listsTheKnownWorkflowsForAnUnknownName() {
    IdflowException e =
        catchThrowableOfType(
            IdflowException.class,
            () -> upload(options(Set.of("nope", "alpha"), false, false, DriftPolicy.WARN)));

    assertThat(e)
        .hasMessage("Workflow 'nope' not found in local files (known: alpha, bravo, charlie)");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void logsLocalWarningsAndStillUploads() throws IOException {
    write(
        "workflows/delta.json",
        "{\"name\":\"delta\",\"ownerEmail\":\"a@example.com\",\"tasks\":[{\"name\":\"nowhere\",\"taskReferenceName\":\"n\"}]}");
    serverHas();
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"alpha\",\"bravo\",\"charlie\",\"delta\"]}")));

    UploadOutcome report = upload();

    assertThat(log.at("WARN"))
        .containsExactly(
            "idflow/workflows/delta.json at /tasks/0 (workflow delta v1): task 'nowhere' (ref n)"
                + " has no task definition in local files; without one on the server Conductor runs"
                + " it with default retries and timeouts");
    assertThat(report.results())
        .hasSize(4)
        .extracting(UploadResult::status)
        .containsOnly(Status.UPLOADED);
  }

  // ---- needsUpload

  @Test
  void needsUploadWhenTheVersionIsMissingOrDifferent() throws IOException {
    server.stubFor(
        get("/api/metadata/workflow/alpha?version=1").willReturn(aResponse().withStatus(404)));
    server.stubFor(
        get("/api/metadata/workflow/bravo?version=1")
            .willReturn(okJson(serverCopy(workflowJson("bravo", "second")).toString())));
    server.stubFor(
        get("/api/metadata/workflow/charlie?version=1")
            .willReturn(okJson(serverCopy(workflowJson("charlie", "old")).toString())));
    WorkflowManager manager = new WorkflowManager(client, dir, log);

    assertThat(manager.needsUpload("alpha", dir.resolve("workflows/alpha.json"))).isTrue();
    assertThat(manager.needsUpload("bravo", dir.resolve("workflows/bravo.json"))).isFalse();
    assertThat(manager.needsUpload("charlie", dir.resolve("workflows/charlie.json"))).isTrue();
    IdflowException e =
        catchThrowableOfType(
            IdflowException.class,
            () -> manager.needsUpload("alpha", dir.resolve("workflows/bravo.json")));
    assertThat(e)
        .hasMessage("Workflow 'alpha' is not defined in " + dir.resolve("workflows/bravo.json"));
  }

  // ---- confirmed writes

  @Test
  void aDefinitionTheBulkAnswerDoesNotNameIsNotConfirmed() {
    serverHas();
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"alpha\",\"charlie\"]}")));

    UploadOutcome report =
        UploadWorkflows.run(client, LocalFiles.of(dir), UploadWorkflows.Options.defaults(), log);

    assertThat(report.results())
        .extracting(UploadResult::name, UploadResult::status)
        .containsExactly(
            tuple("alpha", Status.UPLOADED),
            tuple("bravo", Status.FAILED),
            tuple("charlie", Status.UPLOADED));
    assertThat(report.results().get(1).reason())
        .isEqualTo(
            "not confirmed: Conductor's answer does not name it among the definitions it stored");
    assertThat(report.failed()).isTrue();
    assertThat(report.summary()).isEqualTo("Summary: 2/3 workflows uploaded, 1 failed");
  }

  @Test
  void anEmptyBulkAnswerIsConfirmedByReadingTheDefinitionsBack() throws IOException {
    server.stubFor(
        get("/api/metadata/workflow")
            .inScenario("read back")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[]"))
            .willSetStateTo("written"));
    ArrayNode stored =
        Json.mapper()
            .createArrayNode()
            .add(serverCopy(workflowJson("alpha", "first")))
            .add(serverCopy(workflowJson("bravo", "changed on the way")));
    server.stubFor(
        get("/api/metadata/workflow")
            .inScenario("read back")
            .whenScenarioStateIs("written")
            .willReturn(okJson(stored.toString())));
    server.stubFor(put("/api/metadata/workflow").willReturn(aResponse().withStatus(200)));

    UploadOutcome report =
        UploadWorkflows.run(client, LocalFiles.of(dir), UploadWorkflows.Options.defaults(), log);

    assertThat(report.results())
        .extracting(UploadResult::name, UploadResult::status, UploadResult::reason)
        .containsExactly(
            tuple("alpha", Status.UPLOADED, null),
            tuple(
                "bravo",
                Status.FAILED,
                "not confirmed: the answer named no definition, and the server's copy differs at"
                    + " /description"),
            tuple(
                "charlie",
                Status.FAILED,
                "not confirmed: the answer named no definition, and the server's listing lacks"
                    + " it"));
    server.verify(2, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
  }

  @Test
  void anHtmlAnswerToTheUploadIsNotConfirmedAndFailsTheRun() {
    serverHas();
    server.stubFor(
        put("/api/metadata/workflow")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Welcome</body></html>")));

    UploadOutcome report =
        UploadWorkflows.run(client, LocalFiles.of(dir), UploadWorkflows.Options.defaults(), log);

    assertThat(report.results())
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(Status.FAILED);
              assertThat(r.reason())
                  .startsWith(
                      "not confirmed: PUT "
                          + server.baseUrl()
                          + "/api/metadata/workflow answered 200, but not with"
                          + " Conductor's answer to a bulk write: an HTML page");
            });
    assertThat(report.serverUnavailable()).isTrue();
  }
}
