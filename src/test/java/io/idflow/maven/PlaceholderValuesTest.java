package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.idflow.maven.MojoFields.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.local.Placeholders;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Where a build's placeholder values come from, and that a secret one is shown nowhere. */
class PlaceholderValuesTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  private SettingsSecurity security;

  @BeforeEach
  void security() throws Exception {
    security = new SettingsSecurity(dir);
  }

  private Placeholders values(
      Map<String, String> config,
      Map<String, String> servers,
      Map<String, String> environment,
      Map<String, String> userProperties,
      File file,
      Map<String, String> env,
      Settings settings) {
    return PlaceholderValues.of(
        "@{",
        "}",
        config,
        servers,
        environment,
        userProperties,
        file,
        "region",
        env,
        new ConnectionFactory(settings, security.decrypter(), env, new CollectingLog()));
  }

  private static String resolved(Placeholders p, String name) {
    List<io.idflow.core.local.Placeholders.Found> found = new java.util.ArrayList<>();
    String out =
        p.resolve(
                com.fasterxml.jackson.databind.node.TextNode.valueOf("@{" + name + "}"), "", found)
            .asText();
    assertThat(found).as(name).isEmpty();
    return out;
  }

  @Test
  void configurationThenUserPropertiesThenTheFileAndTheFileIsUtf8() throws Exception {
    Path file = dir.resolve("prod.properties");
    Files.writeString(
        file, "host=file-host\nqueue=file-queue\nowner=Zoë\n", StandardCharsets.UTF_8);
    Placeholders p =
        values(
            Map.of("host", "config-host"),
            null,
            null,
            Map.of(
                "idflow.placeholder.host", "cli-host",
                "idflow.placeholder.queue", "cli-queue",
                "idflow.placeholderFile", "ignored",
                "other", "x"),
            file.toFile(),
            Map.of(),
            new Settings());
    assertThat(resolved(p, "host")).isEqualTo("config-host");
    assertThat(resolved(p, "queue")).isEqualTo("cli-queue");
    assertThat(resolved(p, "owner")).isEqualTo("Zoë");
    assertThat(p.warnings()).hasSize(3);
  }

  @Test
  void aSettingsServerPasswordIsDecryptedAndSecretAndAnEnvironmentVariableIsRead()
      throws Exception {
    Placeholders p =
        values(
            null,
            Map.of("apiToken", "api"),
            Map.of("region", "DEPLOY_REGION", "missing", "NOT_SET_VAR"),
            Map.of(),
            null,
            Map.of("DEPLOY_REGION", "eu-west-1"),
            SettingsSecurity.withServer("api", null, security.encrypt("tok-abc-123")));
    assertThat(resolved(p, "apiToken")).isEqualTo("tok-abc-123");
    assertThat(resolved(p, "region")).isEqualTo("eu-west-1");
    // apiToken is secret for its source, region because secretPlaceholders names it.
    assertThat(p.secretValues()).containsExactlyInAnyOrder("tok-abc-123", "eu-west-1");
    List<Placeholders.Found> found = new java.util.ArrayList<>();
    p.resolve(com.fasterxml.jackson.databind.node.TextNode.valueOf("@{missing}"), "/x", found);
    assertThat(found.get(0).message())
        .startsWith(
            "the placeholder @{missing} has no value: the environment variable NOT_SET_VAR is"
                + " not set;");
  }

  @Test
  void configurationMistakesAreErrorsThatSayWhatToDo() {
    assertThatThrownBy(
            () ->
                values(
                    Map.of("a", "1"),
                    null,
                    Map.of("a", "A"),
                    Map.of(),
                    null,
                    Map.of(),
                    new Settings()))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "The placeholder 'a' is set in both <placeholders> and <placeholderEnvironment>: keep"
                + " one");
    assertThatThrownBy(
            () -> values(null, Map.of("t", "nope"), null, Map.of(), null, Map.of(), new Settings()))
        .hasMessage(
            "No <server> with id 'nope' in settings.xml (it has none): add it, or remove t from"
                + " <placeholderServers>");
    assertThatThrownBy(
            () ->
                values(
                    null,
                    null,
                    null,
                    Map.of(),
                    dir.resolve("absent.properties").toFile(),
                    Map.of(),
                    new Settings()))
        .hasMessageContaining("absent.properties does not exist: create it");
    assertThatThrownBy(
            () ->
                values(
                    Map.of("bad name", "1"), null, null, Map.of(), null, Map.of(), new Settings()))
        .hasMessageContaining("The placeholder name 'bad name' in the plugin's <placeholders>");
  }

  @Test
  void aSecretValueIsMaskedInTheLogTheFailureAndTheReportButSentToTheServer() throws Exception {
    Path wf = dir.resolve("idflow/workflows/a.json");
    Files.createDirectories(wf.getParent());
    Files.writeString(
        wf,
        """
        {"name": "a", "version": 1, "tasks": [{"name": "call", "taskReferenceName": "call",
          "type": "HTTP", "inputParameters": {"http_request": {"uri": "https://@{host}/x",
          "method": "GET", "headers": {"Authorization": "Bearer @{apiToken}"}}}}]}
        """);
    server.stubFor(get(urlEqualTo("/api/metadata/workflow")).willReturn(okJson("[]")));
    server.stubFor(
        put(urlEqualTo("/api/metadata/workflow"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":400,\"message\":\"Validation failed\",\"validationErrors\":"
                            + "[{\"path\":\"arg0[0]\",\"message\":\"header Bearer tok-abc-123"
                            + " refused\"}]}")));
    UploadWorkflowsMojo mojo = new UploadWorkflowsMojo();
    RecordingLog log = RecordingLog.attach(mojo);
    set(mojo, "directory", dir.resolve("idflow").toFile());
    set(mojo, "conductorUrl", server.baseUrl());
    set(mojo, "onDrift", "warn");
    set(mojo, "reports", true);
    set(mojo, "buildDirectory", dir.resolve("target").toFile());
    set(mojo, "placeholders", Map.of("host", "api.example.com"));
    set(mojo, "placeholderServers", Map.of("apiToken", "api"));
    set(
        mojo,
        "settings",
        SettingsSecurity.withServer("api", null, security.encrypt("tok-abc-123")));
    set(mojo, "settingsDecrypter", security.decrypter());

    MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

    assertThat(e.getMessage()).contains("header Bearer **** refused").doesNotContain("tok-abc");
    assertThat(log.lines()).anyMatch(l -> l.contains("Bearer ****"));
    assertThat(log.lines()).noneMatch(l -> l.contains("tok-abc"));
    for (String report : List.of("upload-workflows.json", "TEST-idflow-upload-workflows.xml")) {
      assertThat(Files.readString(dir.resolve("target/idflow/" + report)))
          .doesNotContain("tok-abc");
    }
    // The server is sent the resolved value: masking is for what the plugin shows.
    server.verify(
        putRequestedFor(urlEqualTo("/api/metadata/workflow"))
            .withRequestBody(
                equalToJson(
                    "[{\"name\":\"a\",\"tasks\":[{\"inputParameters\":{\"http_request\":{\"uri\":"
                        + "\"https://api.example.com/x\",\"headers\":{\"Authorization\":"
                        + "\"Bearer tok-abc-123\"}}}}]}]",
                    true,
                    true)));
  }
}
