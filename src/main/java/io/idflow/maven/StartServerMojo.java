package io.idflow.maven;

import io.idflow.core.server.JavaFinder;
import io.idflow.core.server.JavaHome;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerConfig;
import io.idflow.core.server.ServerException;
import io.idflow.core.server.ServerLauncher;
import io.idflow.core.server.ServerProperties;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Starts a real Conductor server on 127.0.0.1 (SQLite, no Docker, no network) for the integration
 * tests, and points the later goals of the build at it through the {@code idflow.conductorUrl}
 * project property.
 */
@Mojo(name = "start-server", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartServerMojo extends AbstractServerMojo {
  static final String HOW_TO_PROVIDE_JAVA =
      "Give the Conductor server a Java 21 or newer in one of these ways:"
          + "\n  -D"
          + IdflowProperties.SERVER_JAVA_HOME
          + "=/path/to/jdk (or <javaHome> in the plugin configuration)"
          + "\n  a jdk toolchain with version 21 or newer in ~/.m2/toolchains.xml"
          + "\n  JAVA_HOME pointing to a JDK 21 or newer";

  /**
   * Version of {@code org.conductoross:conductor-server} (its {@code boot} jar), resolved like any
   * artifact.
   */
  @Parameter(property = IdflowProperties.SERVER_VERSION, defaultValue = "3.32.3", required = true)
  private String version;

  /**
   * Java 21+ home to run the server with. When unset: a {@code jdk} toolchain with version 21 or
   * newer, else JAVA_HOME or the JVM running Maven if they are 21+, else the newest 21+ in the
   * usual install folders.
   */
  @Parameter(property = IdflowProperties.SERVER_JAVA_HOME)
  private File javaHome;

  /** Port on 127.0.0.1; 0 picks a free one. */
  @Parameter(property = IdflowProperties.SERVER_PORT, defaultValue = "0")
  private int port;

  /**
   * Extra Spring properties for the server, each {@code key=value} (on the command line: comma
   * separated), e.g. {@code conductor.app.ownerEmailMandatory=true}. They override the plugin's
   * SQLite defaults.
   */
  @Parameter(property = IdflowProperties.SERVER_PROPERTIES)
  private List<String> properties;

  /** Seconds to wait for the server to answer before it is killed and the build fails. */
  @Parameter(property = IdflowProperties.SERVER_START_TIMEOUT, defaultValue = "180")
  private int startTimeout;

  /**
   * Environment variables for the server's process, such as {@code CONDUCTOR_SECRET_DB_PASS} and
   * {@code CONDUCTOR_ENV_REGION}, which conductor-oss 3.31 and later serves to workflows as {@code
   * ${workflow.secrets.DB_PASS}} and {@code ${workflow.env.REGION}}. Their values are never
   * printed.
   */
  @Parameter private Map<String, String> environment;

  /**
   * Keep the server running after this build (stop it with {@code stop-server}). Otherwise it is
   * stopped by {@code stop-server} or, at the latest, when the build ends, failed or interrupted.
   */
  @Parameter(property = IdflowProperties.SERVER_DETACH, defaultValue = "false")
  private boolean detach;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  private final RepositorySystem repositorySystem;
  private final ToolchainManager toolchainManager;

  @Inject
  public StartServerMojo(RepositorySystem repositorySystem, ToolchainManager toolchainManager) {
    this.repositorySystem = repositorySystem;
    this.toolchainManager = toolchainManager;
  }

  @Override
  void run() throws ServerException, MojoExecutionException {
    Map<String, String> extra = ServerProperties.parse(properties);
    JavaHome java =
        JavaFinder.standard(HOW_TO_PROVIDE_JAVA)
            .find(javaHome == null ? null : javaHome.toPath(), javaCandidates());
    Path localRepository =
        session.getRepositorySession().getLocalRepository().getBasedir().toPath();
    ServerConfig config =
        new ServerConfig(
            version,
            resolveBootJar(),
            java,
            localRepository.resolve(".cache/idflow/conductor-server"),
            workDirectory.toPath(),
            port,
            extra,
            Duration.ofSeconds(startTimeout),
            detach,
            environment == null ? Map.of() : environment);

    RunningServer server = new ServerLauncher(new MavenLog(getLog())).start(config);

    project.getProperties().setProperty(IdflowProperties.CONDUCTOR_URL, server.url());
    getLog()
        .info(
            "Conductor "
                + server.version()
                + " started at "
                + server.url()
                + " in "
                + seconds(server.startupTime()));
    if (detach) {
      getLog()
          .info(
              "It keeps running after this build: stop it with 'mvn idflow:stop-server' (work"
                  + " directory "
                  + workDirectory
                  + ") or 'kill "
                  + server.pid()
                  + "'");
    } else {
      getLog().info("It stops at idflow:stop-server, or when this build ends");
    }
  }

  /** The homes to try before scanning, in order: toolchain, JAVA_HOME, the JVM running Maven. */
  private List<JavaFinder.Candidate> javaCandidates() {
    List<JavaFinder.Candidate> candidates = new ArrayList<>();
    toolchainJavaHome()
        .ifPresent(home -> candidates.add(new JavaFinder.Candidate("jdk toolchain", home)));
    String javaHomeVariable = System.getenv("JAVA_HOME");
    if (javaHomeVariable != null && !javaHomeVariable.isBlank()) {
      candidates.add(new JavaFinder.Candidate("JAVA_HOME", Path.of(javaHomeVariable)));
    }
    candidates.add(
        new JavaFinder.Candidate(
            "the JVM running Maven", Path.of(System.getProperty("java.home"))));
    return candidates;
  }

  private Optional<Path> toolchainJavaHome() {
    try {
      for (Toolchain toolchain :
          toolchainManager.getToolchains(session, "jdk", Map.of("version", "[21,)"))) {
        String java = toolchain.findTool("java");
        if (java != null) {
          return Optional.of(Path.of(java).getParent().getParent());
        }
      }
    } catch (RuntimeException e) {
      getLog().warn("Cannot read the jdk toolchains: " + e.getMessage());
    }
    return Optional.empty();
  }

  private Path resolveBootJar() throws MojoExecutionException {
    DefaultArtifact artifact =
        new DefaultArtifact("org.conductoross", "conductor-server", "boot", "jar", version);
    try {
      return repositorySystem
          .resolveArtifact(
              session.getRepositorySession(),
              new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null))
          .getArtifact()
          .getFile()
          .toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve "
              + artifact
              + " (about 440 MiB, from Maven Central;"
              + " an offline build needs it in the local repository already): "
              + e.getMessage(),
          e);
    }
  }
}
