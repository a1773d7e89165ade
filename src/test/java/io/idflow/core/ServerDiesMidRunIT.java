package io.idflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.outcome.UploadResult.Status;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerConfig;
import io.idflow.core.server.ServerLauncher;
import io.idflow.core.server.ServerStopper;
import io.idflow.corpus.RealServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow one (about half a minute): a real Conductor, started from its boot jar, is stopped
 * between upload-workflows' listing and its bulk write. The run must say that nothing was written,
 * the restarted server (same SQLite database) must hold exactly what it held before, and a rerun
 * must write exactly what is missing. One start and one restart, nothing more.
 *
 * <p>An integration test (failsafe): it runs after the invoker's, whose setup resolves the server's
 * boot jar.
 */
@Tag("slow")
@Tag("real-server")
class ServerDiesMidRunIT {
  @TempDir Path project;
  @TempDir Path work;

  private void write(String relative, String content) throws IOException {
    Path file = project.resolve("idflow").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String workflow(String name) {
    return "{\"name\":\""
        + name
        + "\",\"version\":1,\"schemaVersion\":2,\"ownerEmail\":\"dies@example.com\",\"timeoutSeconds\":60,"
        + "\"tasks\":[{\"name\":\"dies_work\",\"taskReferenceName\":\"work_ref\",\"type\":\"SIMPLE\"}]}";
  }

  private UploadOutcome upload(String url, Interceptor interceptor) {
    OkHttpClient.Builder http = new OkHttpClient.Builder();
    if (interceptor != null) {
      http.addInterceptor(interceptor);
    }
    try (ConductorClient client =
        ConductorClient.builder(url)
            .http(http)
            .retries(2)
            .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build()) {
      return UploadWorkflows.run(
          client,
          LocalFiles.of(project.resolve("idflow")),
          UploadWorkflows.Options.defaults(),
          IdflowLog.silent());
    }
  }

  /** Which of the local workflows the server holds, each as the local file has it. */
  private List<String> heldAsLocal(String url) throws IOException {
    List<String> held = new ArrayList<>();
    try (ConductorClient client = ConductorClient.create(url)) {
      for (String name : List.of("dies_alpha", "dies_bravo", "dies_charlie")) {
        var remote = client.getWorkflowDef(name, 1);
        if (remote.isPresent()) {
          var local =
              (com.fasterxml.jackson.databind.node.ObjectNode)
                  Json.mapper().readTree(workflow(name));
          assertThat(JsonDiff.definitions(Kind.WORKFLOW, remote.get(), local)).as(name).isEmpty();
          held.add(name);
        }
      }
    }
    return held;
  }

  @Test
  @Timeout(300)
  void aServerStoppedBetweenTheListingAndTheWriteGetsNothingAndTheRerunAfterARestartConverges()
      throws Exception {
    ServerConfig first = RealServer.config(work, 0);
    ServerLauncher launcher = new ServerLauncher(IdflowLog.silent());
    write(
        "tasks/work.json",
        "{\"name\":\"dies_work\",\"ownerEmail\":\"dies@example.com\",\"retryCount\":1}");
    write("workflows/alpha.json", workflow("dies_alpha"));

    RunningServer server = launcher.start(first);
    String firstUrl = server.url();
    try {
      // The server already holds dies_alpha; dies_bravo and dies_charlie are new.
      assertThat(upload(server.url(), null).failed()).isFalse();
      write("workflows/bravo.json", workflow("dies_bravo"));
      write("workflows/charlie.json", workflow("dies_charlie"));

      List<String> sent = Collections.synchronizedList(new ArrayList<>());
      Interceptor stopAfterListing =
          chain -> {
            sent.add(chain.request().method() + " " + chain.request().url().encodedPath());
            Response response = chain.proceed(chain.request());
            if (chain.request().method().equals("GET")
                && chain.request().url().encodedPath().equals("/api/metadata/workflow")) {
              // Read the listing whole, then stop the server before the client can write.
              ResponseBody body = response.body();
              byte[] bytes = body.bytes();
              try {
                new ServerStopper().stop(work, Duration.ofSeconds(60));
              } catch (io.idflow.core.server.ServerException e) {
                throw new IOException(e);
              }
              return response
                  .newBuilder()
                  .body(ResponseBody.create(bytes, body.contentType()))
                  .build();
            }
            return response;
          };

      UploadOutcome failed = upload(server.url(), stopAfterListing);

      // The names and versions say the server holds only this project's one workflow: the listing.
      assertThat(sent)
          .containsExactly(
              "GET /api/metadata/workflow/names-and-versions",
              "GET /api/metadata/workflow",
              "PUT /api/metadata/workflow");
      assertThat(failed.results())
          .extracting(UploadResult::name, UploadResult::status)
          .containsExactly(
              tuple("dies_alpha", Status.UP_TO_DATE),
              tuple("dies_bravo", Status.FAILED),
              tuple("dies_charlie", Status.FAILED));
      // A stopped server refuses the connection: the write provably never arrived.
      assertThat(failed.results().subList(1, 3))
          .extracting(UploadResult::reason)
          .allSatisfy(
              reason ->
                  assertThat(reason)
                      .startsWith(
                          "not uploaded: PUT "
                              + firstUrl
                              + "/api/metadata/workflow failed: cannot reach Conductor")
                      .contains("ConnectException")
                      .endsWith("(gave up after 3 attempts)"));
      assertThat(failed.outcome())
          .isEqualTo("0/3 workflows uploaded, 2 failed: dies_bravo v1, dies_charlie v1");
      assertThat(failed.serverUnavailable()).isTrue();

      server = launcher.start(RealServer.config(work, server.port()));
      assertThat(heldAsLocal(server.url()))
          .as("the restarted server holds what it held before, nothing more")
          .containsExactly("dies_alpha");

      sent.clear();
      List<String> written = Collections.synchronizedList(new ArrayList<>());
      UploadOutcome rerun =
          upload(
              server.url(),
              chain -> {
                if (chain.request().method().equals("PUT")) {
                  okio.Buffer buffer = new okio.Buffer();
                  chain.request().body().writeTo(buffer);
                  Json.mapper()
                      .readTree(buffer.readUtf8())
                      .forEach(d -> written.add(d.path("name").asText()));
                }
                return chain.proceed(chain.request());
              });

      assertThat(written).containsExactly("dies_bravo", "dies_charlie");
      assertThat(rerun.summary()).isEqualTo("Summary: 2/3 workflows uploaded successfully");
      assertThat(heldAsLocal(server.url()))
          .containsExactly("dies_alpha", "dies_bravo", "dies_charlie");
      assertThat(upload(server.url(), null).summary())
          .isEqualTo("Summary: All 3 workflows are up to date");
    } finally {
      new ServerStopper().stop(work, Duration.ofSeconds(60));
    }
  }
}
