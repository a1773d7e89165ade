package io.idflow.core.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code server.pid} in a server's work folder: how a later build finds the server to stop. The
 * process's start time is kept too, so that a pid reused by an unrelated process after a reboot is
 * never killed. {@code writesArchive}: the server found no AppCDS archive at start, so it writes
 * one when it exits.
 */
public record PidFile(
    long pid, int port, String url, String version, Instant started, boolean writesArchive) {
  public static final String NAME = "server.pid";

  public PidFile(long pid, int port, String url, String version, Instant started) {
    this(pid, port, url, version, started, false);
  }

  public static Path in(Path workDir) {
    return workDir.resolve(NAME);
  }

  /** Writes the file atomically, so a reader never sees half of it. */
  public void write(Path workDir) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("port", Integer.toString(port));
    properties.setProperty("url", url);
    properties.setProperty("version", version);
    if (started != null) {
      properties.setProperty("started", started.toString());
    }
    properties.setProperty("writesArchive", Boolean.toString(writesArchive));
    Path temp = Files.createTempFile(workDir, NAME, ".tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      properties.store(out, "Conductor server started by idflow-maven-plugin");
    }
    Files.move(
        temp, in(workDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The pid file of {@code workDir}; empty when there is none. */
  public static Optional<PidFile> read(Path workDir) throws ServerException {
    Path file = in(workDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
      String started = properties.getProperty("started");
      return Optional.of(
          new PidFile(
              Long.parseLong(properties.getProperty("pid", "").trim()),
              Integer.parseInt(properties.getProperty("port", "0").trim()),
              properties.getProperty("url", ""),
              properties.getProperty("version", ""),
              started == null ? null : Instant.parse(started.trim()),
              Boolean.parseBoolean(properties.getProperty("writesArchive", "false").trim())));
    } catch (IOException | RuntimeException e) {
      throw ServerException.failure(
          "Cannot read the pid file "
              + file
              + ": "
              + e.getMessage()
              + ". Delete it if no Conductor server runs from there.",
          e);
    }
  }

  public static void delete(Path workDir) {
    try {
      Files.deleteIfExists(in(workDir));
    } catch (IOException e) {
      // Harmless: a stale pid file is recognised later because its process is gone.
    }
  }

  /**
   * The live process this file names, unless it has ended or is not known to be the server started
   * from {@code workDir}: its start time must match the one recorded, or, when either is unknown (a
   * pid file without one, a system that does not tell), its command line must name {@code workDir},
   * as the server's does. A pid that now belongs to another process is never returned, so never
   * stopped.
   */
  public Optional<ProcessHandle> liveProcess(Path workDir) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isServer(p, workDir));
  }

  private boolean isServer(ProcessHandle process, Path workDir) {
    Optional<Instant> actual = process.info().startInstant();
    if (started != null && actual.isPresent()) {
      return Duration.between(started, actual.get()).abs().compareTo(Duration.ofSeconds(2)) <= 0;
    }
    String folder = workDir.toAbsolutePath().normalize().toString();
    return process.info().commandLine().map(c -> c.contains(folder)).orElse(false);
  }
}
