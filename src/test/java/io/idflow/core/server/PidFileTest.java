package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
  @TempDir Path work;

  @Test
  void readsBackWhatItWrote() throws Exception {
    PidFile written =
        new PidFile(
            4242,
            8123,
            "http://127.0.0.1:8123",
            "3.32.3",
            Instant.parse("2026-01-02T03:04:05Z"),
            true);

    written.write(work);

    assertThat(PidFile.read(work)).contains(written);
    assertThat(work.resolve("server.pid")).exists();
    try (var files = Files.list(work)) {
      assertThat(files).as("no temporary file left").hasSize(1);
    }
  }

  @Test
  void isEmptyWithoutFile() throws Exception {
    assertThat(PidFile.read(work)).isEmpty();
  }

  @Test
  void failsOnGarbageNamingTheFile() throws Exception {
    Files.writeString(work.resolve("server.pid"), "pid=not-a-number\n");

    assertThatThrownBy(() -> PidFile.read(work))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("Cannot read the pid file " + work.resolve("server.pid"));
  }

  @Test
  void deleteIsQuietWhenThereIsNoFile() throws Exception {
    new PidFile(1, 1, "u", "v", null).write(work);

    PidFile.delete(work);
    PidFile.delete(work);

    assertThat(PidFile.read(work)).isEmpty();
  }

  @Test
  void findsItsLiveProcess() {
    ProcessHandle self = ProcessHandle.current();

    PidFile pidFile = new PidFile(self.pid(), 1, "u", "v", self.info().startInstant().orElse(null));

    assertThat(pidFile.liveProcess(work)).contains(self);
  }

  @Test
  void ignoresAProcessThatReusedThePid() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElseThrow();

    PidFile pidFile = new PidFile(self.pid(), 1, "u", "v", started.minusSeconds(3600));

    assertThat(pidFile.liveProcess(work)).isEmpty();
  }

  @Test
  void withoutAStartTimeAProcessIsTheServerOnlyWhenItsCommandLineNamesTheWorkFolder()
      throws Exception {
    ProcessHandle self = ProcessHandle.current();
    assertThat(new PidFile(self.pid(), 1, "u", "v", null).liveProcess(work))
        .as("this test JVM is not the server")
        .isEmpty();

    Process server =
        new ProcessBuilder(
                "sh", "-c", "sleep 30 # -Djava.io.tmpdir=" + work.toAbsolutePath() + "/tmp")
            .start();
    try {
      assertThat(new PidFile(server.pid(), 1, "u", "v", null).liveProcess(work))
          .map(ProcessHandle::pid)
          .contains(server.pid());
      assertThat(new PidFile(server.pid(), 1, "u", "v", null).liveProcess(work.resolve("other")))
          .isEmpty();
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  @Test
  void findsNoProcessOnceItEnded() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.waitFor();

    assertThat(new PidFile(process.pid(), 1, "u", "v", null).liveProcess(work)).isEmpty();
  }
}
