package io.idflow.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops, when this JVM exits, the servers it started without detaching, so that a failed build or Ctrl-C
 * never leaves one behind. Stopping a server normally removes its hook.
 */
final class ServerShutdownHooks {
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Map<Path, Thread> HOOKS = new ConcurrentHashMap<>();

  private ServerShutdownHooks() {}

  static void register(Path workDir, ProcessHandle process) {
    Path key = workDir.toAbsolutePath().normalize();
    Thread hook = new Thread(() -> {
      if (process.isAlive()) {
        ProcessTree.terminate(process, GRACE);
      }
      PidFile.delete(key);
    }, "idflow-stop-conductor");
    Thread previous = HOOKS.put(key, hook);
    removeQuietly(previous);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static void remove(Path workDir) {
    removeQuietly(HOOKS.remove(workDir.toAbsolutePath().normalize()));
  }

  static boolean isRegistered(Path workDir) {
    return HOOKS.containsKey(workDir.toAbsolutePath().normalize());
  }

  private static void removeQuietly(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway and finds the server gone.
    }
  }
}
