package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.idflow.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.idflow.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write goals under server faults, as the user sees them: the exception kind, a message that
 * says what was and was not applied, the same in {@code target/idflow/<goal>.json}, and a rerun
 * that converges. The server holds workflow {@code alpha} and task {@code work}; {@code bravo},
 * {@code charlie} and task {@code extra} are missing.
 */
class FaultsMojoTest {
  private static final String WORKFLOWS = "/api/metadata/workflow";
  private static final String TASKDEFS = "/api/metadata/taskdefs";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;

  @BeforeEach
  void definitions() throws IOException {
    write("tasks/tasks.json", "[" + task("work") + "," + task("extra") + "]");
    for (String name : List.of("alpha", "bravo", "charlie")) {
      write("workflows/" + name + ".json", workflow(name));
    }
  }

  private static String workflow(String name) {
    return "{\"name\":\""
        + name
        + "\",\"version\":1,\"ownerEmail\":\"team@example.com\","
        + "\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"work_ref\",\"type\":\"SIMPLE\"}]}";
  }

  private static String task(String name) {
    return "{\"name\":\"" + name + "\",\"ownerEmail\":\"team@example.com\",\"retryCount\":1}";
  }

  private void write(String relative, String content) throws IOException {
    Path file = project.resolve("idflow").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private <T extends AbstractRemoteMojo> T mojo(T mojo, String url, int retries) {
    RecordingLog.attach(mojo);
    set(mojo, "directory", project.resolve("idflow").toFile());
    set(mojo, "conductorUrl", url);
    set(mojo, "auth", "none");
    set(mojo, "connectTimeout", 5);
    set(mojo, "readTimeout", 5);
    set(mojo, "retries", retries);
    set(mojo, "reports", true);
    set(mojo, "buildDirectory", project.resolve("target").toFile());
    return mojo;
  }

  private UploadWorkflowsMojo upload(String url, int retries) {
    UploadWorkflowsMojo mojo = mojo(new UploadWorkflowsMojo(), url, retries);
    set(mojo, "onDrift", "warn");
    return mojo;
  }

  private SyncTasksMojo sync(String url, int retries) {
    return mojo(new SyncTasksMojo(), url, retries);
  }

  private JsonNode report(String goal) throws IOException {
    return Json.mapper().readTree(project.resolve("target/idflow/" + goal + ".json").toFile());
  }

  private static List<String> entries(JsonNode report) {
    List<String> out = new ArrayList<>();
    report
        .path("entries")
        .forEach(e -> out.add(e.path("name").asText() + " " + e.path("outcome").asText()));
    return out;
  }

  /** The names sent in each write of {@code method} to {@code path}, oldest first. */
  private static List<List<String>> written(String method, String path) throws IOException {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    List<List<String>> out = new ArrayList<>();
    for (ServeEvent e : events) {
      if (e.getRequest().getMethod().getName().equals(method)
          && e.getRequest().getUrl().equals(path)) {
        List<String> names = new ArrayList<>();
        Json.mapper()
            .readTree(e.getRequest().getBodyAsString())
            .forEach(d -> names.add(d.path("name").asText()));
        out.add(names);
      }
    }
    return out;
  }

  private static String closedUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  private static void serverHoldsAlphaAndWork() {
    server.stubFor(get(WORKFLOWS).willReturn(okJson("[" + workflow("alpha") + "]")));
    server.stubFor(get(TASKDEFS).willReturn(okJson("[" + task("work") + "]")));
  }

  private static void healthyWrites() {
    server.stubFor(
        put(WORKFLOWS)
            .willReturn(
                okJson(
                    "{\"bulkErrorResults\":{},\"bulkSuccessfulResults\":[\"bravo\",\"charlie\"]}")));
    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(200)));
  }

  /**
   * The failed run applied nothing: a rerun against a healthy server writes bravo and charlie, and
   * only them.
   */
  private void uploadRerunConverges() throws Exception {
    server.resetAll();
    serverHoldsAlphaAndWork();
    healthyWrites();
    upload(server.baseUrl(), 0).execute();
    assertThat(written("PUT", WORKFLOWS)).containsExactly(List.of("bravo", "charlie"));
    JsonNode report = report("upload-workflows");
    assertThat(report.path("result").asText()).isEqualTo("success");
    assertThat(entries(report))
        .containsExactly("alpha up-to-date", "bravo uploaded", "charlie uploaded");
  }

  private void syncRerunConverges() throws Exception {
    server.resetAll();
    serverHoldsAlphaAndWork();
    healthyWrites();
    sync(server.baseUrl(), 0).execute();
    assertThat(written("POST", TASKDEFS)).containsExactly(List.of("extra"));
    assertThat(entries(report("sync-tasks"))).containsExactly("extra created", "work up-to-date");
  }

  @Test
  void uploadToAServerThatIsDownSaysNothingWasUploaded() throws Exception {
    String url = closedUrl();
    MojoExecutionException e =
        catchThrowableOfType(MojoExecutionException.class, upload(url, 0)::execute);

    assertThat(e)
        .hasMessageStartingWith(
            "Nothing was uploaded: GET "
                + url
                + WORKFLOWS
                + "/names-and-versions failed: cannot reach Conductor at "
                + url
                + "/api");
    JsonNode report = report("upload-workflows");
    assertThat(report.path("result").asText()).isEqualTo("error");
    assertThat(report.path("message").asText()).isEqualTo(e.getMessage());
    assertThat(report.path("entries")).isEmpty();
    uploadRerunConverges();
  }

  @Test
  void a500OnTheBulkWriteIsABuildErrorNamingWhatWasNotUploaded() throws Exception {
    serverHoldsAlphaAndWork();
    server.stubFor(
        put(WORKFLOWS)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":500,\"message\":\"Error while"
                            + " saving\",\"retryable\":false}")));
    UploadWorkflowsMojo mojo = upload(server.baseUrl(), 3);

    MojoExecutionException e = catchThrowableOfType(MojoExecutionException.class, mojo::execute);

    assertThat(e)
        .hasMessage(
            "Conductor at "
                + server.baseUrl()
                + " could not take the upload: 0/3 workflows uploaded, 2 failed:"
                + " bravo v1, charlie v1; PUT "
                + server.baseUrl()
                + WORKFLOWS
                + " answered 500: Error while saving");
    assertThat(((RecordingLog) mojo.getLog()).lines())
        .contains("ERROR Summary: 0/3 workflows uploaded, 2 failed")
        .noneMatch(l -> l.contains("✓"));
    JsonNode report = report("upload-workflows");
    assertThat(report.path("result").asText()).isEqualTo("error");
    assertThat(report.path("message").asText()).isEqualTo(e.getMessage());
    assertThat(entries(report))
        .containsExactly("alpha up-to-date", "bravo failed", "charlie failed");
    assertThat(report.path("summary").path("failed").asInt()).isEqualTo(2);
    assertThat(report.path("entries").get(1).path("detail").asText())
        .startsWith("not uploaded: PUT ");
    uploadRerunConverges();
  }

  @Test
  void a429StormThatNeverEndsIsABoundedBuildError() throws Exception {
    serverHoldsAlphaAndWork();
    server.stubFor(
        put(WORKFLOWS)
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "0").withBody("slow down")));

    MojoExecutionException e =
        catchThrowableOfType(MojoExecutionException.class, upload(server.baseUrl(), 2)::execute);

    assertThat(e)
        .hasMessage(
            "Conductor at "
                + server.baseUrl()
                + " could not take the upload: 0/3 workflows uploaded, 2 failed:"
                + " bravo v1, charlie v1; PUT "
                + server.baseUrl()
                + WORKFLOWS
                + " answered 429: slow down (gave up after 3 attempts)");
    assertThat(written("PUT", WORKFLOWS)).hasSize(3);
    assertThat(entries(report("upload-workflows")))
        .containsExactly("alpha up-to-date", "bravo failed", "charlie failed");
    uploadRerunConverges();
  }

  @Test
  void syncToAServerThatIsDownSaysNothingWasSynced() throws Exception {
    String url = closedUrl();
    MojoExecutionException e =
        catchThrowableOfType(MojoExecutionException.class, sync(url, 0)::execute);

    assertThat(e)
        .hasMessageStartingWith(
            "Nothing was synced: GET "
                + url
                + TASKDEFS
                + " failed: cannot reach Conductor at "
                + url
                + "/api");
    assertThat(report("sync-tasks").path("message").asText()).isEqualTo(e.getMessage());
    syncRerunConverges();
  }

  @Test
  void a500OnTheTaskCreateIsABuildErrorNamingWhatWasNotSynced() throws Exception {
    serverHoldsAlphaAndWork();
    server.stubFor(
        post(TASKDEFS)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody("{\"status\":500,\"message\":\"Error while saving\"}")));

    MojoExecutionException e =
        catchThrowableOfType(MojoExecutionException.class, sync(server.baseUrl(), 3)::execute);

    assertThat(e)
        .hasMessage(
            "Conductor at "
                + server.baseUrl()
                + " could not take the task definitions: 0/2 tasks uploaded, 1 failed:"
                + " extra; POST "
                + server.baseUrl()
                + TASKDEFS
                + " answered 500: Error while saving");
    JsonNode report = report("sync-tasks");
    assertThat(report.path("result").asText()).isEqualTo("error");
    assertThat(report.path("message").asText()).isEqualTo(e.getMessage());
    assertThat(entries(report)).containsExactly("extra failed", "work up-to-date");
    syncRerunConverges();
  }

  @Test
  void purgeOnAServerThatGoesAwayMidRunNamesWhatWasNotDeleted() throws Exception {
    server.stubFor(get(WORKFLOWS).willReturn(okJson("[]")));
    server.stubFor(
        get(TASKDEFS)
            .willReturn(
                okJson(
                    "["
                        + task("work")
                        + ","
                        + task("extra")
                        + ","
                        + task("old_a")
                        + ","
                        + task("old_b")
                        + ","
                        + task("old_c")
                        + "]")));
    server.stubFor(
        delete(urlPathMatching(TASKDEFS + "/.*")).willReturn(aResponse().withStatus(200)));
    server.stubFor(
        delete(urlEqualTo(TASKDEFS + "/old_b"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(
        get(TASKDEFS + "/old_b").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    PurgeOrphansMojo mojo = mojo(new PurgeOrphansMojo(), server.baseUrl(), 0);
    set(mojo, "maxDeletions", 10);
    set(mojo, "backupDirectory", project.resolve("target/idflow/backup").toFile());

    MojoExecutionException e = catchThrowableOfType(MojoExecutionException.class, mojo::execute);

    assertThat(e)
        .hasMessageStartingWith(
            "Could not purge 2 of 3 orphaned tasks: old_b, old_c (all are backed up in ");
    JsonNode report = report("purge-orphans");
    assertThat(report.path("result").asText()).isEqualTo("error");
    assertThat(entries(report)).containsExactly("old_a purged", "old_b failed", "old_c failed");
    assertThat(report.path("entries").get(2).path("detail").asText())
        .contains("not attempted: DELETE");
  }

  @Test
  void purgeWhoseListingFailsSaysNothingWasDeleted() throws Exception {
    server.stubFor(get(TASKDEFS).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    PurgeOrphansMojo mojo = mojo(new PurgeOrphansMojo(), server.baseUrl(), 0);
    set(mojo, "maxDeletions", 10);
    set(mojo, "backupDirectory", project.resolve("target/idflow/backup").toFile());

    MojoExecutionException e = catchThrowableOfType(MojoExecutionException.class, mojo::execute);

    assertThat(e)
        .hasMessage(
            "Nothing was deleted: GET "
                + server.baseUrl()
                + TASKDEFS
                + " answered 503: maintenance");
    assertThat(report("purge-orphans").path("message").asText()).isEqualTo(e.getMessage());
    assertThat(project.resolve("target/idflow/backup")).doesNotExist();
    assertThat(server.getAllServeEvents())
        .extracting(ev -> ev.getRequest().getMethod().getName())
        .containsOnly("GET");
  }

  // ---- what reaches the console

  /** Every log line, the failure and both report files of the last run, as one text. */
  private String everythingShown(AbstractRemoteMojo mojo, Exception failure, String goal)
      throws IOException {
    return String.join("\n", ((RecordingLog) mojo.getLog()).lines())
        + "\n"
        + failure.getMessage()
        + "\n"
        + Files.readString(project.resolve("target/idflow/" + goal + ".json"))
        + "\n"
        + Files.readString(project.resolve("target/idflow/TEST-idflow-" + goal + ".xml"));
  }

  @Test
  void aPasswordInTheUrlIsShownNowhereAndNotSent() throws Exception {
    serverHoldsAlphaAndWork();
    server.stubFor(put(WORKFLOWS).willReturn(aResponse().withStatus(503).withBody("down")));
    server.stubFor(post(TASKDEFS).willReturn(aResponse().withStatus(503).withBody("down")));
    String url = server.baseUrl().replace("http://", "http://deployer:hunter2@");

    UploadWorkflowsMojo upload = upload(url, 0);
    MojoExecutionException uploadFailure =
        catchThrowableOfType(MojoExecutionException.class, upload::execute);
    SyncTasksMojo sync = sync(url, 0);
    MojoExecutionException syncFailure =
        catchThrowableOfType(MojoExecutionException.class, sync::execute);

    assertThat(uploadFailure)
        .hasMessageStartingWith("Conductor at " + server.baseUrl() + " could not take the upload");
    assertThat(everythingShown(upload, uploadFailure, "upload-workflows"))
        .doesNotContain("hunter2")
        .contains("Ignoring the user info");
    assertThat(everythingShown(sync, syncFailure, "sync-tasks")).doesNotContain("hunter2");
    assertThat(server.getAllServeEvents())
        .allSatisfy(
            e ->
                assertThat(e.getRequest().getHeaders().all().toString()).doesNotContain("hunter2"));
  }

  @Test
  void controlCharactersFromTheServerAreEscapedOnTheConsole() throws Exception {
    serverHoldsAlphaAndWork();
    server.stubFor(
        put(WORKFLOWS)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":400,\"message\":\"bad\\n"
                            + "[INFO] BUILD SUCCESS\\u001b[2K\\r"
                            + "\"}")));
    UploadWorkflowsMojo mojo = upload(server.baseUrl(), 0);

    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

    String shown =
        String.join("\n", ((RecordingLog) mojo.getLog()).lines()) + "\n" + e.getMessage();
    assertThat(shown)
        .contains("bad\\u000A[INFO] BUILD SUCCESS\\u001B[2K\\u000D")
        .doesNotContain("\u001b")
        .doesNotContain("\r")
        .doesNotContain("\n[INFO] BUILD SUCCESS");
  }
}
