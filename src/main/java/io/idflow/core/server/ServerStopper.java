package io.idflow.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Stops the Conductor server recorded in a work folder's pid file, and its child processes. */
public final class ServerStopper {
  /**
   * How long a server that writes its AppCDS archive at exit may take: that takes seconds, many on
   * a busy machine, and a server killed while writing leaves no archive, so every later start stays
   * slow.
   */
  static final Duration ARCHIVE_WRITING_GRACE = Duration.ofSeconds(120);

  /** What stopping found and did. */
  public enum Outcome {
    /** It stopped within the timeout. */
    STOPPED,
    /** It ignored SIGTERM for the whole timeout and was killed. */
    KILLED,
    /**
     * The pid file named a process that has already ended, or one that is not known to be the
     * server.
     */
    ALREADY_GONE,
    /**
     * There was no pid file: nothing was started from this work folder, or it was stopped already.
     */
    NO_PID_FILE
  }

  /** The outcome, the pid file it acted on (absent for NO_PID_FILE) and how long it took. */
  public record Result(Outcome outcome, Optional<PidFile> server, Duration took) {}

  public Result stop(Path workDir, Duration timeout) throws ServerException {
    long began = System.nanoTime();
    Path dir = workDir.toAbsolutePath().normalize();
    Optional<PidFile> pidFile = PidFile.read(dir);
    if (pidFile.isEmpty()) {
      ServerShutdownHooks.remove(dir);
      return new Result(Outcome.NO_PID_FILE, pidFile, elapsed(began));
    }
    Optional<ProcessHandle> process = pidFile.get().liveProcess(dir);
    Outcome outcome = Outcome.ALREADY_GONE;
    if (process.isPresent()) {
      boolean killed = ProcessTree.terminate(process.get(), grace(pidFile.get(), timeout));
      outcome = killed ? Outcome.KILLED : Outcome.STOPPED;
    }
    ServerShutdownHooks.remove(dir);
    PidFile.delete(dir);
    return new Result(outcome, pidFile, elapsed(began));
  }

  /** The time a server gets between SIGTERM and SIGKILL. */
  static Duration grace(PidFile pidFile, Duration timeout) {
    return pidFile.writesArchive() && timeout.compareTo(ARCHIVE_WRITING_GRACE) < 0
        ? ARCHIVE_WRITING_GRACE
        : timeout;
  }

  private static Duration elapsed(long began) {
    return Duration.ofNanos(System.nanoTime() - began);
  }
}
