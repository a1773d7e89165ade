package io.idflow.corpus;

import io.idflow.core.IdflowLog;
import io.idflow.core.server.JavaFinder;
import io.idflow.core.server.JavaHome;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerConfig;
import io.idflow.core.server.ServerException;
import io.idflow.core.server.ServerLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Conductor for tests, started from the boot jar in the local Maven repository, which the
 * build passes as {@code idflow.test.localRepository}. The integration tests that use it run after
 * the invoker's, whose {@code setup-server} resolves the jar, so it is always there.
 */
public final class RealServer {
  public static final String VERSION = "3.32.3";
  private static final String JAR =
      "org/conductoross/conductor-server/" + VERSION + "/conductor-server-" + VERSION + "-boot.jar";

  private RealServer() {}

  /**
   * The first local repository that holds the boot jar: the build's, its tail, then the default.
   */
  public static Optional<Path> repositoryWithJar() {
    List<String> roots = new ArrayList<>();
    roots.add(System.getProperty("idflow.test.localRepository"));
    String tail = System.getProperty("idflow.test.localRepositoryTail");
    if (tail != null) {
      roots.addAll(List.of(tail.split(",")));
    }
    roots.add(System.getProperty("user.home") + "/.m2/repository");
    return roots.stream()
        .filter(r -> r != null && !r.isBlank() && !r.startsWith("${"))
        .map(r -> Path.of(r.trim()))
        .filter(r -> Files.isRegularFile(r.resolve(JAR)))
        .findFirst();
  }

  /**
   * The configuration of a server with its data in {@code work}, on {@code port} (0: a free one).
   */
  public static ServerConfig config(Path work, int port) throws ServerException {
    Path repository =
        repositoryWithJar()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No "
                            + JAR
                            + " in the local Maven repository: './mvnw verify' resolves it before"
                            + " the integration tests"));
    JavaHome java =
        JavaFinder.standard("Install a JDK 21 or newer (Conductor is Java 21 bytecode)")
            .find(null, List.of());
    return new ServerConfig(
        VERSION,
        repository.resolve(JAR),
        java,
        repository.resolve(".cache/idflow/conductor-server"),
        work,
        port,
        // The scheduler is off unless asked for; the tests of schedules need it.
        Map.of("conductor.scheduler.enabled", "true"),
        Duration.ofSeconds(180),
        false,
        Map.of());
  }

  public static RunningServer start(Path work) throws ServerException {
    return new ServerLauncher(IdflowLog.silent()).start(config(work, 0));
  }
}
