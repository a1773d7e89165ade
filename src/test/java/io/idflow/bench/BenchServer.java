package io.idflow.bench;

import io.idflow.core.IdflowLog;
import io.idflow.core.server.JavaFinder;
import io.idflow.core.server.JavaHome;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerConfig;
import io.idflow.core.server.ServerException;
import io.idflow.core.server.ServerLauncher;
import io.idflow.core.server.ServerStopper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' Conductor: started from Java with {@link ServerLauncher}, as {@code
 * idflow:start-server} starts it, with a fresh SQLite database in a folder of its own; stopped on
 * {@link #close()}. Options: {@code serverJar} (default: the local Maven repository's 3.32.3 boot
 * jar) and {@code serverJava} (a Java 21+ home; default: found as {@code idflow:start-server} finds
 * one).
 */
final class BenchServer implements AutoCloseable {
  static final String VERSION = "3.32.3";

  private final RunningServer server;
  private final JavaHome java;
  private final Path dir;

  private BenchServer(RunningServer server, JavaHome java, Path dir) {
    this.server = server;
    this.java = java;
    this.dir = dir;
  }

  /** Starts a server whose data and log go to {@code dir}, and waits until it answers. */
  static BenchServer start(Opts opts, Path dir) throws Exception {
    Path jar =
        Path.of(
            opts.string(
                "serverJar",
                System.getProperty("user.home")
                    + "/.m2/repository/org/conductoross/conductor-server/"
                    + VERSION
                    + "/conductor-server-"
                    + VERSION
                    + "-boot.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No Conductor boot jar at "
              + jar
              + ": run ./mvnw dependency:get "
              + "-Dartifact=org.conductoross:conductor-server:"
              + VERSION
              + ":jar:boot, or pass serverJar=PATH");
    }
    JavaHome java =
        JavaFinder.standard("Pass serverJava=/path/to/jdk21+")
            .find(
                opts.has("serverJava") ? Path.of(opts.string("serverJava", "")) : null, List.of());
    ServerConfig config =
        new ServerConfig(
            VERSION,
            jar,
            java,
            Path.of(
                System.getProperty("user.home"), ".m2/repository/.cache/idflow/conductor-server"),
            dir,
            0,
            Map.of(),
            Duration.ofMinutes(5),
            false,
            Map.of());
    RunningServer server = new ServerLauncher(new StdoutLog()).start(config);
    System.out.println(
        "Conductor ready at "
            + server.url()
            + " in "
            + server.startupTime().toMillis()
            + " ms; load "
            + Benchmark.loadLine());
    return new BenchServer(server, java, config.workDir());
  }

  String url() {
    return server.url();
  }

  Duration startupTime() {
    return server.startupTime();
  }

  /** The Java the server runs on. */
  JavaHome java() {
    return java;
  }

  @Override
  public void close() throws ServerException {
    new ServerStopper().stop(dir, Duration.ofSeconds(30));
  }

  /** The launcher's messages on standard output. */
  private static final class StdoutLog implements IdflowLog {
    @Override
    public void debug(String message) {}

    @Override
    public void info(String message) {
      System.out.println(message);
    }

    @Override
    public void warn(String message) {
      System.out.println("WARN " + message);
    }

    @Override
    public void error(String message) {
      System.out.println("ERROR " + message);
    }
  }
}
