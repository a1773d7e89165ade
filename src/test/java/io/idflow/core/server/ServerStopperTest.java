package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.server.ServerStopper.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStopperTest {
  @TempDir Path work;

  private Process process;

  @AfterEach
  void killLeftover() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private PidFile recordInPidFile(Process started) throws Exception {
    ProcessHandle handle = started.toHandle();
    PidFile pidFile =
        new PidFile(
            handle.pid(),
            8123,
            "http://127.0.0.1:8123",
            "3.32.3",
            handle.info().startInstant().orElse(null));
    pidFile.write(work);
    return pidFile;
  }

  @Test
  void succeedsSayingSoWhenThereIsNoPidFile() throws Exception {
    ServerStopper.Result result = new ServerStopper().stop(work, Duration.ofSeconds(1));

    assertThat(result.outcome()).isEqualTo(Outcome.NO_PID_FILE);
    assertThat(result.server()).isEmpty();
  }

  @Test
  void removesPidFileOfAProcessThatIsAlreadyGone() throws Exception {
    process = Sleeper.start();
    PidFile pidFile = recordInPidFile(process);
    process.destroyForcibly().waitFor();

    ServerStopper.Result result = new ServerStopper().stop(work, Duration.ofSeconds(1));

    assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_GONE);
    assertThat(result.server()).contains(pidFile);
    assertThat(PidFile.in(work)).doesNotExist();
  }

  @Test
  void stopsTheRecordedProcessAndRemovesItsPidFile() throws Exception {
    process = Sleeper.start();
    recordInPidFile(process);

    ServerStopper.Result result = new ServerStopper().stop(work, Duration.ofSeconds(20));

    assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(PidFile.in(work)).doesNotExist();
  }

  @Test
  void killsAProcessThatIgnoresTheStopSignal() throws Exception {
    process = Sleeper.start("stubborn");
    recordInPidFile(process);

    ServerStopper.Result result = new ServerStopper().stop(work, Duration.ofMillis(500));

    assertThat(result.outcome()).isEqualTo(Outcome.KILLED);
    assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(PidFile.in(work)).doesNotExist();
  }

  @Test
  void waitsLongerForAServerThatWritesItsClassDataArchiveAtExit() {
    PidFile writing = new PidFile(1, 1, "u", "v", null, true);
    PidFile notWriting = new PidFile(1, 1, "u", "v", null, false);

    assertThat(ServerStopper.grace(writing, Duration.ofSeconds(15)))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(ServerStopper.grace(writing, Duration.ofSeconds(300)))
        .isEqualTo(Duration.ofSeconds(300));
    assertThat(ServerStopper.grace(notWriting, Duration.ofSeconds(15)))
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void stopRemovesTheShutdownHookOfAServerItStops() throws Exception {
    process = Sleeper.start();
    PidFile pidFile = recordInPidFile(process);
    ServerShutdownHooks.register(work, pidFile, process.toHandle());

    new ServerStopper().stop(work, Duration.ofSeconds(20));

    assertThat(ServerShutdownHooks.isRegistered(work)).isFalse();
  }
}
