package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.server.JavaFinder;
import io.idflow.core.server.JavaHome;
import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerConfig;
import io.idflow.core.server.ServerLauncher;
import io.idflow.core.server.ServerStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speed benchmark of issue 7: the plugin's core against ID Flow's per-definition approach and a
 * plain one-request-per-definition loop, against a real local Conductor with a fresh SQLite
 * database.
 *
 * <p>Run it with {@code ./mvnw -B -Pbench verify} (see BENCHMARKS.md), or as a main class with the
 * test classpath. Arguments are {@code key=value}, all optional:
 *
 * <ul>
 *   <li>{@code sizes=100,1000,5000}: the N values (workflows, and as many task definitions);
 *   <li>{@code approaches=core,idflow,plain};
 *   <li>{@code idflowFullUpTo=1000}: ID Flow is measured in full up to this N, sampled above it;
 *   <li>{@code sample=100}: how many unchanged definitions of each kind a sampled ID Flow run
 *       measures;
 *   <li>{@code noopRepeats=3}: runs of the core's no-op phase per cell (the median is reported;
 *       others run it once);
 *   <li>{@code cellHeap=1g}: {@code -Xmx} of each cell's JVM;
 *   <li>{@code fitHeaps=256m,128m}: heaps the core is also run in at the largest N, to see whether
 *       it fits;
 *   <li>{@code serverJar}, {@code serverJava}: the Conductor boot jar (default: the local Maven
 *       repository's 3.32.3) and a Java 21+ home to run it (default: found like {@code
 *       idflow:start-server} finds one);
 *   <li>{@code out=target/bench}: where the server's data, the cells' files and the results go.
 * </ul>
 *
 * Each cell (approach x N) runs in a JVM of its own ({@link BenchCell}), one after another, against
 * one server that each cell leaves as it found it. Results: {@code out/results.json} and {@code
 * out/results.md}.
 */
public final class Benchmark {
  private static final String SERVER_VERSION = "3.32.3";

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("Arguments are key=value, found '" + arg + "'");
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    List<Integer> sizes =
        Arrays.stream(opts.getOrDefault("sizes", "100,1000,5000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    List<String> approaches =
        Arrays.stream(opts.getOrDefault("approaches", "core,idflow,plain").split(","))
            .map(String::trim)
            .toList();
    int fullUpTo = Integer.parseInt(opts.getOrDefault("idflowFullUpTo", "1000"));
    int sample = Integer.parseInt(opts.getOrDefault("sample", "100"));
    int noopRepeats = Integer.parseInt(opts.getOrDefault("noopRepeats", "3"));
    String cellHeap = opts.getOrDefault("cellHeap", "1g");
    List<String> fitHeaps =
        Arrays.stream(opts.getOrDefault("fitHeaps", "256m,128m").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    Path out = Path.of(opts.getOrDefault("out", "target/bench")).toAbsolutePath();
    Path serverJar =
        Path.of(
            opts.getOrDefault(
                "serverJar",
                System.getProperty("user.home")
                    + "/.m2/repository/org/conductoross/conductor-server/"
                    + SERVER_VERSION
                    + "/conductor-server-"
                    + SERVER_VERSION
                    + "-boot.jar"));
    if (!Files.isRegularFile(serverJar)) {
      throw new IllegalStateException(
          "No Conductor boot jar at "
              + serverJar
              + ": run ./mvnw dependency:get "
              + "-Dartifact=org.conductoross:conductor-server:"
              + SERVER_VERSION
              + ":jar:boot, or pass serverJar=PATH");
    }
    JavaHome serverJava =
        JavaFinder.standard("Pass serverJava=/path/to/jdk21+")
            .find(
                opts.containsKey("serverJava") ? Path.of(opts.get("serverJava")) : null, List.of());

    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path serverDir = out.resolve("server-" + stamp);
    Path cells = out.resolve("cells-" + stamp);
    Files.createDirectories(cells);

    ObjectNode report = Local.JSON.createObjectNode();
    report.set("machine", machine(serverJava));
    report.put("started", stamp);
    report.put("loadAtStart", loadLine());
    ArrayNode results = report.putArray("cells");

    IdflowLog log = new StdoutLog();
    ServerConfig config =
        new ServerConfig(
            SERVER_VERSION,
            serverJar,
            serverJava,
            Path.of(
                System.getProperty("user.home"), ".m2/repository/.cache/idflow/conductor-server"),
            serverDir,
            0,
            Map.of(),
            Duration.ofMinutes(5),
            false,
            Map.of());
    RunningServer server = new ServerLauncher(log).start(config);
    try {
      report.put("serverStartupSeconds", server.startupTime().toMillis() / 1000.0);
      System.out.println(
          "Conductor ready at "
              + server.url()
              + " in "
              + server.startupTime().toMillis()
              + " ms; load "
              + loadLine());
      // Warm the server (its JIT, its SQLite pages) so that the first measured cell does not pay
      // for it.
      for (String approach : List.of("core", "plain", "idflow")) {
        runCell(server.url(), approach, 200, 0, 1, cellHeap, cells);
      }
      for (int n : sizes) {
        for (String approach : approaches) {
          int k = approach.equals("idflow") && n > fullUpTo ? sample : 0;
          // Only the core's no-op is a target to judge: it alone is repeated for a median.
          int repeats = approach.equals("core") ? noopRepeats : 1;
          results.add(runCell(server.url(), approach, n, k, repeats, cellHeap, cells));
          if (approach.equals("idflow")
              && n == fullUpTo
              && sizes.stream().anyMatch(s -> s > fullUpTo)) {
            // The same cell sampled as the larger N are: shows how far the extrapolation is from a
            // full run.
            ObjectNode check = runCell(server.url(), approach, n, sample, 1, cellHeap, cells);
            check.put("samplingCheck", true);
            results.add(check);
          }
        }
      }
      int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
      ArrayNode fits = report.putArray("coreHeapFit");
      for (String heap : fitHeaps) {
        ObjectNode fit = Local.JSON.createObjectNode();
        fit.put("n", largest);
        fit.put("xmx", heap);
        try {
          ObjectNode cell = runCell(server.url(), "core", largest, 0, 1, heap, cells);
          fit.put("ok", true);
          fit.set("cell", cell);
        } catch (IllegalStateException e) {
          fit.put("ok", false);
          fit.put("error", e.getMessage());
        }
        fits.add(fit);
      }
    } finally {
      new ServerStopper().stop(serverDir, Duration.ofSeconds(30));
    }
    report.put("loadAtEnd", loadLine());
    Files.writeString(
        out.resolve("results.json"),
        Local.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    String table = Tables.render(report);
    Files.writeString(out.resolve("results.md"), table);
    System.out.println(table);
  }

  /** Runs one cell in a fresh JVM and returns its result. */
  static ObjectNode runCell(
      String url, String approach, int n, int sample, int noopRepeats, String heap, Path cells)
      throws IOException, InterruptedException {
    Path result = cells.resolve(approach + "-" + n + "-k" + sample + "-" + heap + ".json");
    Files.deleteIfExists(result);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                BenchCell.class.getName(),
                url,
                approach,
                Integer.toString(n),
                Integer.toString(sample),
                Integer.toString(noopRepeats),
                cells.toString(),
                result.toString()));
    System.out.printf(
        Locale.ROOT,
        "%s N=%d%s -Xmx%s (load %s) ...%n",
        approach,
        n,
        sample > 0 ? " sample=" + sample : "",
        heap,
        loadLine());
    long began = System.nanoTime();
    Process process = new ProcessBuilder(command).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0 || !Files.isRegularFile(result)) {
      throw new IllegalStateException(
          approach + " N=" + n + " -Xmx" + heap + " failed with exit code " + exit);
    }
    ObjectNode cell = (ObjectNode) Local.JSON.readTree(result.toFile());
    cell.put("heap", heap);
    cell.put("cellSeconds", (System.nanoTime() - began) / 1e9);
    for (JsonNode phase : cell.get("phases")) {
      System.out.printf(
          Locale.ROOT,
          "  %s: %.0f ms, %d requests%s%n",
          phase.get("phase").asText(),
          phase.get("wallMs").asDouble(),
          phase.get("requests").asLong(),
          phase.has("ownMs")
              ? String.format(Locale.ROOT, ", own %.0f ms", phase.get("ownMs").asDouble())
              : "");
    }
    return cell;
  }

  private static ObjectNode machine(JavaHome serverJava) throws IOException {
    ObjectNode m = Local.JSON.createObjectNode();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
    m.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put(
        "benchJava", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("serverJava", serverJava.version() + " (" + serverJava.home() + ")");
    return m;
  }

  private static String firstMatch(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** The 1-minute load average, or -1 where /proc/loadavg does not exist. */
  static double loadAverage() {
    String line = loadLine();
    return line.isEmpty() ? -1 : Double.parseDouble(line.split(" ")[0]);
  }

  static String loadLine() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "";
    }
  }

  /** The launcher's messages on standard output. */
  private static final class StdoutLog implements IdflowLog {
    @Override
    public void debug(String message) {}

    @Override
    public void info(String message) {
      System.out.println(message);
    }

    @Override
    public void warn(String message) {
      System.out.println("WARN " + message);
    }

    @Override
    public void error(String message) {
      System.out.println("ERROR " + message);
    }
  }
}
