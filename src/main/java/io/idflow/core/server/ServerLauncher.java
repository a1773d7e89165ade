package io.idflow.core.server;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Starts a local Conductor server from its boot jar and waits until it serves the metadata API. */
public final class ServerLauncher {
  static final String LOG_FILE = "server.log";
  static final int TAIL_LINES = 40;
  private static final long POLL_MILLIS = 250;
  private static final Duration STALE_SERVER_GRACE = Duration.ofSeconds(15);

  /**
   * Spring Boot's words when Tomcat cannot bind: the port was taken between our check and the
   * server's.
   */
  private static final Pattern PORT_IN_USE = Pattern.compile("Port (\\d+) was already in use");

  private final IdflowLog log;

  public ServerLauncher(IdflowLog log) {
    this.log = log;
  }

  /**
   * Starts the server and returns once it is ready. On any failure the process is killed before
   * this throws, so nothing is left running; the exception carries the end of the server's log.
   */
  public RunningServer start(ServerConfig config) throws ServerException {
    Path work = config.workDir();
    createDirectories(work.resolve("tmp"));
    stopLeftoverServer(work);
    int port = choosePort(config.port());
    ExtractedServer server =
        ServerCache.usingJava(config.cacheRoot(), config.java())
            .prepare(config.bootJar(), config.version(), log);
    Map<String, String> properties = ServerProperties.effective(work, port, config.properties());
    List<String> command = ServerCommand.build(config.java(), server, work, properties);
    String url = "http://127.0.0.1:" + port;
    Path logFile = work.resolve(LOG_FILE);
    log.info(
        "Starting Conductor "
            + config.version()
            + " at "
            + url
            + " with Java "
            + config.java().version()
            + " from "
            + config.java().home()
            + " (log: "
            + Texts.path(logFile)
            + ")");
    log.debug("Conductor command: " + String.join(" ", command));

    boolean writesArchive = !Files.isRegularFile(server.sharedArchive(config.java()));
    long began = System.nanoTime();
    Process process = launch(command, work, logFile, config.environment());
    ProcessHandle handle = process.toHandle();
    PidFile pidFile =
        new PidFile(
            handle.pid(),
            port,
            url,
            config.version(),
            handle.info().startInstant().orElse(null),
            writesArchive);
    try {
      pidFile.write(work);
    } catch (IOException e) {
      ProcessTree.kill(handle);
      throw ServerException.failure("Cannot write " + PidFile.in(work) + ": " + e.getMessage(), e);
    }
    // Until it is ready even a detached server is stopped with the build: one that never started is
    // no use.
    ServerShutdownHooks.register(work, pidFile, handle);
    awaitReady(process, config, url, logFile, began);
    if (config.detach()) {
      ServerShutdownHooks.remove(work);
    }
    Duration startup = Duration.ofNanos(System.nanoTime() - began);
    return new RunningServer(handle.pid(), port, url, config.version(), startup, logFile);
  }

  private void stopLeftoverServer(Path work) throws ServerException {
    Optional<PidFile> previous = PidFile.read(work);
    if (previous.isPresent() && previous.get().liveProcess(work).isPresent()) {
      log.warn(
          "A Conductor server started earlier from "
              + work
              + " is still running (pid "
              + previous.get().pid()
              + ", "
              + previous.get().url()
              + "): stopping it first");
      new ServerStopper().stop(work, STALE_SERVER_GRACE);
    } else if (previous.isPresent()) {
      PidFile.delete(work);
    }
  }

  static int choosePort(int requested) throws ServerException {
    if (requested < 0 || requested > 65535) {
      throw ServerException.configuration(
          "Port " + requested + " is not a TCP port: use 1-65535, or 0 for a free one");
    }
    if (requested == 0) {
      try {
        return Ports.free();
      } catch (IOException e) {
        throw ServerException.failure("Cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
      }
    }
    if (Ports.inUse(requested)) {
      throw portInUse(requested, "");
    }
    return requested;
  }

  private static ServerException portInUse(int port, String logTail) {
    return ServerException.configuration(
        "Cannot start Conductor: port "
            + port
            + " on 127.0.0.1 is already in use (another Conductor, perhaps from an earlier build,"
            + " or another program). Stop that process or choose another port; port 0 picks a free"
            + " one."
            + logTail);
  }

  private static Process launch(
      List<String> command, Path work, Path logFile, Map<String, String> environment)
      throws ServerException {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      return builder
          .directory(work.toFile())
          .redirectErrorStream(true)
          // A file, never a pipe: a detached server must not hold the build's output open after it
          // ends.
          .redirectOutput(logFile.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
    } catch (IOException e) {
      throw ServerException.failure("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(
      Process process, ServerConfig config, String url, Path logFile, long began)
      throws ServerException {
    HealthProbe probe = new HealthProbe(url);
    long deadline = began + config.startTimeout().toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw abort(
              process,
              config,
              logFile,
              "exited with code " + process.exitValue() + " while starting");
        }
        if (probe.ready()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw abort(
              process,
              config,
              logFile,
              "was not ready at "
                  + url
                  + " within "
                  + config.startTimeout().toSeconds()
                  + " s (the start timeout) and was killed");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw abort(
          process, config, logFile, "was killed: the build was interrupted while it started");
    }
  }

  /** Kills the half-started server, forgets it, and explains why with the end of its log. */
  private static ServerException abort(
      Process process, ServerConfig config, Path logFile, String what) {
    ProcessTree.kill(process.toHandle());
    ServerShutdownHooks.remove(config.workDir());
    PidFile.delete(config.workDir());
    String tail =
        "\nLast lines of "
            + Texts.path(logFile)
            + ":\n"
            + LogTail.lastServerLines(logFile, TAIL_LINES);
    Optional<Integer> busyPort = portInUseFromLog(logFile);
    if (busyPort.isPresent()) {
      return portInUse(busyPort.get(), tail);
    }
    return ServerException.failure("Conductor " + config.version() + " " + what + "." + tail, null);
  }

  static Optional<Integer> portInUseFromLog(Path logFile) {
    var matcher = PORT_IN_USE.matcher(LogTail.lastLines(logFile, 200));
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  private static void createDirectories(Path dir) throws ServerException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw ServerException.failure("Cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  private static File nullDevice() {
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return new File(windows ? "NUL" : "/dev/null");
  }
}
