package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.core.IdflowLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCacheTest {
  @TempDir Path dir;

  private final AtomicInteger extractions = new AtomicInteger();

  private final ServerCache.Extractor fakeExtractor =
      (jar, destination) -> {
        extractions.incrementAndGet();
        Files.createDirectories(destination.resolve("lib"));
        Files.writeString(
            destination.resolve("conductor-server.jar"), "app of " + jar.getFileName());
      };

  private Path bootJar(String content) throws Exception {
    return Files.writeString(dir.resolve("conductor-server-3.32.3-boot.jar"), content);
  }

  @Test
  void unpacksOnceAndReusesTheCopy() throws Exception {
    Path jar = bootJar("boot");
    ServerCache cache = new ServerCache(dir.resolve("cache"), fakeExtractor);

    ExtractedServer first = cache.prepare(jar, "3.32.3", IdflowLog.silent());
    ExtractedServer second = cache.prepare(jar, "3.32.3", IdflowLog.silent());

    assertThat(second).isEqualTo(first);
    assertThat(first.applicationJar()).hasContent("app of conductor-server-3.32.3-boot.jar");
    assertThat(first.directory().getFileName().toString()).startsWith("3.32.3-");
    assertThat(extractions).hasValue(1);
    assertThat(children(dir.resolve("cache")))
        .as("no scratch folder left")
        .containsExactly(first.directory());
  }

  @Test
  void unpacksAgainWhenTheJarChanged() throws Exception {
    ServerCache cache = new ServerCache(dir.resolve("cache"), fakeExtractor);
    ExtractedServer first = cache.prepare(bootJar("boot"), "3.32.3", IdflowLog.silent());

    ExtractedServer second =
        cache.prepare(bootJar("a re-downloaded boot jar"), "3.32.3", IdflowLog.silent());

    assertThat(second.directory()).isNotEqualTo(first.directory());
    assertThat(extractions).hasValue(2);
  }

  @Test
  void twoBuildsUnpackingAtOnceBothGetTheSameCompleteCopy() throws Exception {
    Path jar = bootJar("boot");
    CountDownLatch bothExtracting = new CountDownLatch(2);
    ServerCache.Extractor slow =
        (bootJar, destination) -> {
          bothExtracting.countDown();
          try {
            bothExtracting.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          fakeExtractor.extract(bootJar, destination);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ExtractedServer>> results =
          pool.invokeAll(
              List.of(
                  () ->
                      new ServerCache(dir.resolve("cache"), slow)
                          .prepare(jar, "3.32.3", IdflowLog.silent()),
                  () ->
                      new ServerCache(dir.resolve("cache"), slow)
                          .prepare(jar, "3.32.3", IdflowLog.silent())));

      ExtractedServer one = results.get(0).get();
      assertThat(results.get(1).get()).isEqualTo(one);
      assertThat(extractions).hasValue(2);
      assertThat(one.applicationJar()).exists();
      assertThat(children(dir.resolve("cache"))).containsExactly(one.directory());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failedUnpackingLeavesNothingBehind() throws Exception {
    Path jar = bootJar("boot");
    ServerCache cache =
        new ServerCache(
            dir.resolve("cache"),
            (bootJar, destination) -> {
              Files.writeString(destination.resolve("half"), "x");
              throw ServerException.failure("extract failed", null);
            });

    assertThatThrownBy(() -> cache.prepare(jar, "3.32.3", IdflowLog.silent()))
        .hasMessage("extract failed");
    assertThat(children(dir.resolve("cache"))).isEmpty();
  }

  private static List<Path> children(Path folder) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.toList();
    }
  }
}
