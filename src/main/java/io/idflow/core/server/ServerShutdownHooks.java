package io.idflow.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops, when this JVM exits, the servers it started without detaching, so that a failed build or
 * Ctrl-C never leaves one behind. Stopping a server normally removes its hook.
 */
final class ServerShutdownHooks {
  private static final long GRACE_SECONDS = 10;
  private static final Map<Path, Thread> HOOKS = new ConcurrentHashMap<>();

  private ServerShutdownHooks() {}

  static void register(Path workDir, PidFile pidFile, ProcessHandle process) {
    Path key = workDir.toAbsolutePath().normalize();
    Duration grace = ServerStopper.grace(pidFile, Duration.ofSeconds(GRACE_SECONDS));
    Thread hook = new StopOnExit(process, PidFile.in(key), grace.toSeconds());
    removeQuietly(HOOKS.put(key, hook));
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

  /**
   * The hook itself. When it runs, Maven has already closed the plugin's class loader, so it can
   * load none of the plugin's classes: it uses only JDK classes (no lambdas, no string
   * concatenation, no ProcessTree), and this class is loaded when the hook is registered.
   */
  static final class StopOnExit extends Thread {
    private final ProcessHandle process;
    private final Path pidFile;
    private final long graceSeconds;

    StopOnExit(ProcessHandle process, Path pidFile, long graceSeconds) {
      super("idflow-stop-conductor");
      this.process = process;
      this.pidFile = pidFile;
      this.graceSeconds = graceSeconds;
    }

    @Override
    public void run() {
      if (!process.isAlive()) {
        return;
      }
      List<ProcessHandle> tree = new ArrayList<>();
      tree.add(process);
      for (Iterator<ProcessHandle> it = process.descendants().iterator(); it.hasNext(); ) {
        tree.add(it.next());
      }
      for (ProcessHandle each : tree) {
        each.destroy();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
      for (ProcessHandle each : tree) {
        try {
          each.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          each.destroyForcibly();
        }
      }
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        // A stale pid file is harmless: its process is gone, and the next start or stop says so.
      }
    }
  }
}
