package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLauncherTest {
  @TempDir Path dir;

  @Test
  void failsClearlyWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, Ports.loopback())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> ServerLauncher.choosePort(port))
          .isInstanceOf(ServerException.class)
          .hasMessageStartingWith(
              "Cannot start Conductor: port " + port + " on 127.0.0.1 is already in use")
          .matches(e -> ((ServerException) e).isConfigurationProblem());
    }
  }

  @Test
  void keepsAFreePortAndPicksOneForZero() throws Exception {
    int free = Ports.free();

    assertThat(ServerLauncher.choosePort(free)).isEqualTo(free);
    assertThat(ServerLauncher.choosePort(0)).isBetween(1, 65535);
  }

  @Test
  void rejectsNumbersThatAreNoPort() {
    assertThatThrownBy(() -> ServerLauncher.choosePort(70000))
        .hasMessageContaining("70000 is not a TCP port");
  }

  @Test
  void recognisesSpringBootsPortInUseReport() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("server.log"),
            "APPLICATION FAILED TO START\n\n"
                + "Description:\n\n"
                + "Web server failed to start. Port 18081 was already in use.\n");

    assertThat(ServerLauncher.portInUseFromLog(log)).contains(18081);
    assertThat(ServerLauncher.portInUseFromLog(dir.resolve("none.log"))).isEmpty();
  }
}
