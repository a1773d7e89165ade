package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.client.AuthMode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.Credentials;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.InfoOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** info: the connection, the probe's findings and the counts on both sides. */
class InfoTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path idflow;

  ConductorClient client;
  final CollectingLog log = new CollectingLog();
  final InfoOutcome.Connection connection =
      new InfoOutcome.Connection(
          "http://conductor:8080", "the conductorUrl parameter", "none: test");

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(idflow.resolve("workflows"));
    Files.createDirectories(idflow.resolve("tasks"));
    Files.writeString(
        idflow.resolve("workflows/flows.json"),
        """
        [{"name": "a_flow", "version": 1, "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]},
         {"name": "a_flow", "version": 2, "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]},
         {"name": "b_flow", "version": 1, "tasks": [{"name": "t", "taskReferenceName": "t_ref"}]}]\
        """);
    Files.writeString(idflow.resolve("tasks/t.json"), "{\"name\": \"t\"}");
    server.stubFor(get("/api/metadata/taskdefs").willReturn(okJson("[{\"name\": \"t\"}]")));
    server.stubFor(
        get("/api/event")
            .willReturn(
                okJson("[{\"name\": \"h\", \"event\": \"conductor:a:b\", \"actions\": []}]")));
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void printsTheConnectionTheServerAndTheCountsOnBothSides() {
    server.stubFor(
        get("/api/version")
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("3.32.3")));
    server.stubFor(get("/api/secrets").willReturn(okJson("[]")));
    server.stubFor(
        get("/api/metadata/workflow/names-and-versions")
            .willReturn(
                okJson(
                    "{\"x\": [{\"name\": \"x\", \"version\": 1}, {\"name\": \"x\", \"version\":"
                        + " 4}]}")));

    Info.run(client, connection, LocalFiles.of(idflow), "idflow", log).render(log);

    assertThat(log.lines())
        .containsExactly(
            "INFO Conductor: http://conductor:8080 (from the conductorUrl parameter)",
            "INFO Auth:      none: test",
            "INFO Version:   3.32.3",
            "INFO Orkes:     no (GET /api/applications, an Orkes endpoint, answers 404)",
            "INFO Endpoints:",
            "INFO   secrets (GET /api/secrets): yes",
            "INFO   environment values (GET /api/environment): no (404)",
            "INFO   scheduler (GET /api/scheduler/schedules): no (404)",
            "INFO   workflow names and versions (GET /api/metadata/workflow/names-and-versions):"
                + " yes",
            "INFO ",
            "INFO Definitions in Conductor: 1 workflow (2 versions), 1 task definition, 1 event"
                + " handler",
            "INFO Definitions in idflow: 2 workflows (3 versions), 1 task definition, 0 event"
                + " handlers");
    server.verify(0, getRequestedFor(urlEqualTo("/api/metadata/workflow")));
  }

  @Test
  void countsFromTheFullListingWhenTheServerHasNoNamesAndVersions() {
    server.stubFor(
        get("/api/metadata/workflow")
            .willReturn(
                okJson(
                    """
                    [{"name": "x", "version": 1}, {"name": "x", "version": 2}, {"name": "y", "version": 1}]\
                    """)));

    var outcome = Info.run(client, connection, null, "idflow", log);

    assertThat(outcome.remote().shown())
        .isEqualTo("2 workflows (3 versions), 1 task definition, 1 event handler");
    outcome.render(log);
    assertThat(log.lines())
        .contains(
            "INFO Version:   unknown (no /api/version: conductor-oss before 3.22)",
            "INFO Definitions in idflow: none (no such directory)");
  }

  @Test
  void namesTheCredentialsSourceNeverTheSecret() {
    Credentials key = Credentials.of("key-1", "s3cret", "settings.xml server 'prod'");
    Credentials token = Credentials.token("t0ken", "the environment (CONDUCTOR_AUTH_TOKEN)");

    assertThat(Info.auth(AuthMode.AUTO, key))
        .isEqualTo(
            "orkes: key id 'key-1' and its secret from settings.xml server 'prod' (auth=auto)");
    assertThat(Info.auth(AuthMode.AUTO, token))
        .isEqualTo("bearer: a token from the environment (CONDUCTOR_AUTH_TOKEN) (auth=auto)");
    assertThat(Info.auth(AuthMode.BASIC, key))
        .isEqualTo("basic: user 'key-1' and its password from settings.xml server 'prod'");
    assertThat(Info.auth(AuthMode.NONE, token))
        .isEqualTo(
            "none (auth=none): the credentials from the environment (CONDUCTOR_AUTH_TOKEN) are not"
                + " sent");
    assertThat(Info.auth(AuthMode.AUTO, null))
        .isEqualTo(
            "none: no credentials (no serverId, and none of CONDUCTOR_AUTH_KEY,"
                + " CONDUCTOR_AUTH_SECRET, CONDUCTOR_AUTH_TOKEN is set)");
    assertThat(String.join(" ", Info.auth(AuthMode.AUTO, key), Info.auth(AuthMode.AUTO, token)))
        .doesNotContain("s3cret", "t0ken");
  }
}
