package io.idflow.core.server;

import java.nio.file.Path;

/**
 * A stand-in server process for stop tests: sleeps; "stubborn" makes it ignore SIGTERM for a
 * minute.
 */
public final class Sleeper {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("stubborn")) {
      Runtime.getRuntime().addShutdownHook(new Thread(Sleeper::sleepQuietly));
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a Sleeper JVM and returns once it runs its main method. */
  static Process start(String... args) throws Exception {
    String classes =
        Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    var command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes,
                Sleeper.class.getName()));
    command.addAll(java.util.List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String first =
        new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))
            .readLine();
    if (!"ready".equals(first)) {
      process.destroyForcibly();
      throw new IllegalStateException("Sleeper did not start: " + first);
    }
    return process;
  }
}
