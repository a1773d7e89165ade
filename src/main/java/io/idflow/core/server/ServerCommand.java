package io.idflow.core.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a local Conductor: JVM flags, the unpacked jar, Spring properties as
 * arguments.
 */
public final class ServerCommand {
  private ServerCommand() {}

  public static List<String> build(
      JavaHome java, ExtractedServer server, Path workDir, Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(java.javaExecutable().toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp").toAbsolutePath());
    // AppCDS: the first run writes the archive at exit, later runs map it and start faster.
    command.add("-XX:+AutoCreateSharedArchive");
    command.add("-XX:SharedArchiveFile=" + server.sharedArchive(java));
    command.add("-jar");
    command.add(server.applicationJar().toString());
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    return command;
  }
}
