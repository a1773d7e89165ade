package io.idflow.maven;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings.xml side of remote goals: serverId credentials, plain and encrypted, and offline
 * mode.
 */
@MojoTest
class RemoteConnectionMojoTest {
  private static final String KEY = "ci-key";
  private static final String SECRET = "Pr0d-key-secret!";
  private static final String DEFS = "/api/metadata/workflow";

  @TempDir Path dir;
  private WireMockServer server;
  private SettingsSecurity security;

  @BeforeEach
  void start() throws Exception {
    server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    server.stubFor(post("/api/token").willReturn(okJson("{\"token\":\"jwt-for-ci\"}")));
    server.stubFor(get(DEFS).willReturn(okJson("[]")));
    security = new SettingsSecurity(dir);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private RecordingLog configure(UploadWorkflowsMojo mojo, Settings settings, String url)
      throws Exception {
    MojoExtension.setVariableValueToObject(mojo, "conductorUrl", url);
    MojoExtension.setVariableValueToObject(mojo, "settings", settings);
    MojoExtension.setVariableValueToObject(mojo, "settingsDecrypter", security.decrypter());
    return RecordingLog.attach(mojo);
  }

  private void assertOrkesFlowWithTheSecret(RecordingLog log) {
    server.verify(
        postRequestedFor(urlEqualTo("/api/token"))
            .withRequestBody(
                equalToJson("{\"keyId\":\"" + KEY + "\",\"keySecret\":\"" + SECRET + "\"}")));
    server.verify(
        getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", equalTo("jwt-for-ci")));
    assertThat(log.lines())
        .anyMatch(
            l ->
                l.startsWith("DEBUG Authenticating to ")
                    && l.contains("settings.xml server 'conductor-prod'"));
    assertThat(log.lines()).noneMatch(l -> l.contains(SECRET) || l.contains("jwt-for-ci"));
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "dryRun", value = "true")
  @MojoParameter(name = "serverId", value = "conductor-prod")
  void aPlainPasswordInSettingsIsTheOrkesKeySecret(UploadWorkflowsMojo mojo) throws Exception {
    RecordingLog log =
        configure(
            mojo, SettingsSecurity.withServer("conductor-prod", KEY, SECRET), server.baseUrl());
    mojo.execute();
    assertOrkesFlowWithTheSecret(log);
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "dryRun", value = "true")
  @MojoParameter(name = "serverId", value = "conductor-prod")
  void anEncryptedPasswordInSettingsIsDecrypted(UploadWorkflowsMojo mojo) throws Exception {
    String encrypted = security.encrypt(SECRET);
    assertThat(encrypted).startsWith("{").doesNotContain(SECRET);
    RecordingLog log =
        configure(
            mojo, SettingsSecurity.withServer("conductor-prod", KEY, encrypted), server.baseUrl());
    mojo.execute();
    assertOrkesFlowWithTheSecret(log);
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "dryRun", value = "true")
  @MojoParameter(name = "serverId", value = "gateway")
  void aPasswordWithoutUsernameIsABearerToken(UploadWorkflowsMojo mojo) throws Exception {
    RecordingLog log =
        configure(
            mojo,
            SettingsSecurity.withServer("gateway", null, security.encrypt("opaque-token")),
            server.baseUrl());
    mojo.execute();
    server.verify(0, postRequestedFor(urlEqualTo("/api/token")));
    server.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("Authorization", equalTo("Bearer opaque-token")));
    assertThat(log.lines()).noneMatch(l -> l.contains("opaque-token"));
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "dryRun", value = "true")
  @MojoParameter(name = "serverId", value = "conductor-prod")
  @MojoParameter(name = "auth", value = "basic")
  void theAuthModeCanBeForced(UploadWorkflowsMojo mojo) throws Exception {
    configure(mojo, SettingsSecurity.withServer("conductor-prod", KEY, SECRET), server.baseUrl());
    mojo.execute();
    server.verify(0, postRequestedFor(urlEqualTo("/api/token")));
    server.verify(
        getRequestedFor(urlEqualTo(DEFS))
            .withHeader("Authorization", equalTo(okhttp3.Credentials.basic(KEY, SECRET))));
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "serverId", value = "conductor-staging")
  void anUnknownServerIdFailsNamingTheKnownOnes(UploadWorkflowsMojo mojo) throws Exception {
    configure(mojo, SettingsSecurity.withServer("conductor-prod", KEY, SECRET), server.baseUrl());
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "No <server> with id 'conductor-staging' in settings.xml (known: conductor-prod): add"
                + " one with the Conductor credentials, or drop serverId");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "auth", value = "sometimes")
  void anUnknownAuthModeFailsBeforeAnyRequest(UploadWorkflowsMojo mojo) throws Exception {
    configure(mojo, new Settings(), server.baseUrl());
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Unknown auth mode 'sometimes': use one of auto, none, bearer, basic, orkes");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  void offlineFailsAtOnceForARemoteServer(UploadWorkflowsMojo mojo) throws Exception {
    Settings settings = new Settings();
    settings.setOffline(true);
    configure(mojo, settings, "https://ci:" + SECRET + "@conductor.example.com");
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "Maven is offline (-o): not connecting to Conductor at https://conductor.example.com."
                + " Build without -o, or use a server on this machine (localhost), such as the one"
                + " start-server runs");
  }

  @Test
  @InjectMojo(goal = "upload-workflows")
  @MojoParameter(name = "directory", value = "idflow")
  @MojoParameter(name = "dryRun", value = "true")
  void offlineStillReachesAServerOnThisMachine(UploadWorkflowsMojo mojo) throws Exception {
    Settings settings = new Settings();
    settings.setOffline(true);
    configure(mojo, settings, "http://127.0.0.1:" + server.port());
    mojo.execute();
    server.verify(getRequestedFor(urlEqualTo(DEFS)).withHeader("X-Authorization", absent()));
  }
}
