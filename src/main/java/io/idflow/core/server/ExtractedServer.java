package io.idflow.core.server;

import java.nio.file.Path;

/**
 * A Conductor boot jar unpacked into the cache: the application jar beside its {@code lib/} folder.
 */
public record ExtractedServer(Path directory) {
  static final String APPLICATION_JAR = "conductor-server.jar";

  public Path applicationJar() {
    return directory.resolve(APPLICATION_JAR);
  }

  /**
   * The AppCDS archive for one Java version: the JVM validates it and rebuilds it when it does not
   * fit.
   */
  public Path sharedArchive(JavaHome java) {
    return directory.resolve("app-" + java.version().replaceAll("[^A-Za-z0-9._-]", "_") + ".jsa");
  }
}
