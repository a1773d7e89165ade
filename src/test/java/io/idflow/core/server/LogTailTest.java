package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir Path dir;

  @Test
  void returnsLastLines() throws Exception {
    Path log = Files.writeString(dir.resolve("server.log"), lines(1, 100));

    assertThat(LogTail.lastLines(log, 3)).isEqualTo("line 98\nline 99\nline 100");
  }

  @Test
  void returnsWholeShortLog() throws Exception {
    Path log = Files.writeString(dir.resolve("server.log"), "a\r\nb\n");

    assertThat(LogTail.lastLines(log, 40)).isEqualTo("a\nb");
  }

  @Test
  void readsOnlyTheEndOfAHugeLogAndDropsTheCutLine() throws Exception {
    Path log = Files.writeString(dir.resolve("server.log"), lines(1, 200_000));

    String tail = LogTail.lastLines(log, 100_000);

    assertThat(tail).endsWith("line 200000").doesNotContain("line 1\n");
    assertThat(tail.lines().findFirst().orElseThrow()).matches("line \\d+");
    assertThat(tail.length()).isLessThanOrEqualTo(256 * 1024);
  }

  @Test
  void serverLinesLeaveOutTheJvmsAppCdsLines() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("server.log"),
            "[0.145s][error][cds] Disabling optimized module handling\n"
                + "APPLICATION FAILED TO START\n"
                + "Description: two IndexDAO beans\n"
                + "[15.967s][warning][cds] Skipping jdk/proxy2/$Proxy24: Unsupported location\n"
                + "[15.968s][warning][cds,dynamic] Skipping com/example/Foo: Unsupported"
                + " location\n");

    assertThat(LogTail.lastServerLines(log, 2))
        .isEqualTo("APPLICATION FAILED TO START\nDescription: two IndexDAO beans");
    assertThat(LogTail.lastLines(log, 1)).contains("Skipping com/example/Foo");
  }

  @Test
  void isEmptyForMissingLog() {
    assertThat(LogTail.lastLines(dir.resolve("nope.log"), 40)).isEmpty();
  }

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line " + i)
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
