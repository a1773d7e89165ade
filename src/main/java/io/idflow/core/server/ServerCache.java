package io.idflow.core.server;

import io.idflow.core.IdflowLog;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Unpacks Conductor boot jars once into a cache that outlives {@code mvn clean}: starting from the
 * unpacked jar (plus an AppCDS archive beside it) is several seconds faster than {@code java -jar}
 * on the boot jar.
 */
public final class ServerCache {
  private static final Duration ABANDONED = Duration.ofHours(1);

  /** Unpacks a boot jar into an existing, empty folder. */
  @FunctionalInterface
  public interface Extractor {
    void extract(Path bootJar, Path destination) throws IOException, ServerException;
  }

  private final Path root;
  private final Extractor extractor;

  public ServerCache(Path root, Extractor extractor) {
    this.root = root;
    this.extractor = extractor;
  }

  /**
   * A cache whose extractor is Spring Boot's own {@code -Djarmode=tools extract}, run by {@code
   * java}.
   */
  public static ServerCache usingJava(Path root, JavaHome java) {
    return new ServerCache(root, (jar, destination) -> springBootExtract(java, jar, destination));
  }

  /**
   * Returns the unpacked form of {@code bootJar}, unpacking it first if no build did so yet. Two
   * builds doing this at once each unpack into a private folder and rename it into place; the loser
   * drops its copy.
   */
  public ExtractedServer prepare(Path bootJar, String version, IdflowLog log)
      throws ServerException {
    Path target = root.resolve(key(bootJar, version));
    if (isComplete(target)) {
      return new ExtractedServer(target);
    }
    Path scratch = null;
    try {
      Files.createDirectories(root);
      deleteAbandonedScratch();
      scratch = Files.createTempDirectory(root, "." + target.getFileName() + "-");
      log.info("Unpacking " + bootJar.getFileName() + " into " + target + " (once per version)");
      long began = System.nanoTime();
      extractor.extract(bootJar, scratch);
      log.debug(
          "Unpacked "
              + bootJar.getFileName()
              + " in "
              + (System.nanoTime() - began) / 1_000_000
              + " ms");
      if (!Files.isRegularFile(scratch.resolve(ExtractedServer.APPLICATION_JAR))) {
        throw ServerException.failure(
            "Unpacking " + bootJar + " produced no " + ExtractedServer.APPLICATION_JAR, null);
      }
      moveIntoPlace(scratch, target);
      return new ExtractedServer(target);
    } catch (IOException e) {
      throw ServerException.failure(
          "Cannot unpack " + bootJar + " into " + root + ": " + e.getMessage(), e);
    } finally {
      if (scratch != null) {
        deleteQuietly(scratch);
      }
    }
  }

  /**
   * The boot jar's version plus its size and date, so that a re-downloaded jar gets a fresh copy.
   */
  static String key(Path bootJar, String version) throws ServerException {
    try {
      long size = Files.size(bootJar);
      long modified = Files.getLastModifiedTime(bootJar).toMillis();
      return version + "-" + Long.toHexString(size) + Long.toHexString(modified);
    } catch (IOException e) {
      throw ServerException.failure("Cannot read " + bootJar + ": " + e.getMessage(), e);
    }
  }

  private static boolean isComplete(Path target) {
    return Files.isRegularFile(target.resolve(ExtractedServer.APPLICATION_JAR));
  }

  private static void moveIntoPlace(Path scratch, Path target) throws IOException {
    if (Files.getFileStore(scratch).supportsFileAttributeView("posix")) {
      // Temporary folders are private (rwx------); the cache is as readable as the local
      // repository.
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try {
      Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      // Another build won the race (Linux says "Directory not empty", others "already exists"): use
      // its copy.
      if (!isComplete(target)) {
        throw e;
      }
    }
  }

  /** Removes scratch folders left by builds killed while unpacking (each holds hundreds of MiB). */
  private void deleteAbandonedScratch() throws IOException {
    Instant cutoff = Instant.now().minus(ABANDONED);
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.toList()) {
        FileTime modified = Files.getLastModifiedTime(child);
        if (child.getFileName().toString().startsWith(".")
            && modified.toInstant().isBefore(cutoff)) {
          deleteQuietly(child);
        }
      }
    }
  }

  static void deleteQuietly(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: a leftover scratch folder is removed by a later build.
    }
  }

  private static void springBootExtract(JavaHome java, Path bootJar, Path destination)
      throws IOException, ServerException {
    Path output = Files.createTempFile(destination.getParent(), ".extract-", ".log");
    try {
      Process process =
          new ProcessBuilder(
                  List.of(
                      java.javaExecutable().toString(),
                      "-Djarmode=tools",
                      "-jar",
                      bootJar.toString(),
                      "extract",
                      "--destination",
                      destination.toString(),
                      "--application-filename",
                      ExtractedServer.APPLICATION_JAR))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw ServerException.failure("Unpacking " + bootJar + " took more than 10 minutes", null);
      }
      if (process.exitValue() != 0) {
        throw ServerException.failure(
            "Unpacking "
                + bootJar
                + " failed with exit code "
                + process.exitValue()
                + ":\n"
                + LogTail.lastLines(output, 20),
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServerException.failure("Interrupted while unpacking " + bootJar, e);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
