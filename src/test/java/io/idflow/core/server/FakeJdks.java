package io.idflow.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds fake Java homes: a {@code release} file and an empty {@code bin/java}, which is all
 * discovery reads.
 */
final class FakeJdks {
  private FakeJdks() {}

  static Path jdk(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin/java"), "");
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return home;
  }
}
