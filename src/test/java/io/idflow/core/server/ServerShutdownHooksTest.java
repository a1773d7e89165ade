package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerShutdownHooksTest {
  @TempDir Path work;

  private Process process;

  @AfterEach
  void cleanUp() {
    ServerShutdownHooks.remove(work);
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void hookStopsTheServerAndRemovesItsPidFile() throws Exception {
    process = Sleeper.start();
    new PidFile(process.pid(), 1, "u", "3.32.3", null).write(work);

    new ServerShutdownHooks.StopOnExit(process.toHandle(), PidFile.in(work), 1).run();

    assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(PidFile.in(work)).doesNotExist();
  }

  @Test
  void hookKillsAServerThatIgnoresTheStopSignal() throws Exception {
    process = Sleeper.start("stubborn");

    new ServerShutdownHooks.StopOnExit(process.toHandle(), PidFile.in(work), 1).run();

    assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void registeringAgainForTheSameFolderReplacesTheHook() throws Exception {
    process = Sleeper.start();

    PidFile pidFile = new PidFile(process.pid(), 1, "u", "3.32.3", null);
    ServerShutdownHooks.register(work, pidFile, process.toHandle());
    ServerShutdownHooks.register(work.resolve("."), pidFile, process.toHandle());
    ServerShutdownHooks.remove(work);

    assertThat(ServerShutdownHooks.isRegistered(work)).isFalse();
  }
}
