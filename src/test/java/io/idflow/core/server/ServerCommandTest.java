package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  @TempDir Path dir;

  @Test
  void runsUnpackedJarWithAppCdsAndPropertiesAsArguments() throws Exception {
    JavaHome java = JavaHome.read(FakeJdks.jdk(dir.resolve("jdk"), "25.0.1")).orElseThrow();
    ExtractedServer server = new ExtractedServer(dir.resolve("cache/3.32.3-abc"));
    Path work = dir.resolve("work");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "8123");
    properties.put("conductor.db.type", "sqlite");

    List<String> command = ServerCommand.build(java, server, work, properties);

    assertThat(command)
        .containsExactly(
            dir.resolve("jdk/bin/java").toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + work.resolve("tmp"),
            "-XX:+AutoCreateSharedArchive",
            "-XX:SharedArchiveFile=" + dir.resolve("cache/3.32.3-abc/app-25.0.1.jsa"),
            "-jar",
            dir.resolve("cache/3.32.3-abc/conductor-server.jar").toString(),
            "--server.port=8123",
            "--conductor.db.type=sqlite");
  }
}
