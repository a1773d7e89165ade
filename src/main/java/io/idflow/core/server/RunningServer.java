package io.idflow.core.server;

import java.nio.file.Path;
import java.time.Duration;

/** A started Conductor server: where it answers, its process, how long it took to become ready. */
public record RunningServer(
    long pid, int port, String url, String version, Duration startupTime, Path log) {}
