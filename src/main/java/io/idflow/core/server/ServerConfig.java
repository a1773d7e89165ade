package io.idflow.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What to start: the boot jar of a Conductor version, the Java to run it with, where to cache its
 * unpacked form, the work folder for data and log, the port (0 for a free one), extra Spring
 * properties, environment variables for its process (never printed: they may hold secrets).
 */
public record ServerConfig(
    String version,
    Path bootJar,
    JavaHome java,
    Path cacheRoot,
    Path workDir,
    int port,
    Map<String, String> properties,
    Duration startTimeout,
    boolean detach,
    Map<String, String> environment) {

  public ServerConfig {
    properties = Map.copyOf(properties);
    environment = Map.copyOf(environment);
    workDir = workDir.toAbsolutePath().normalize();
  }
}
