package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.server.JavaHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

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
  public static void main(String[] args) throws Exception {
    Opts opts = Opts.parse(args);
    List<Integer> sizes =
        opts.list("sizes", "100,1000,5000").stream().map(Integer::parseInt).toList();
    List<String> approaches = opts.list("approaches", "core,idflow,plain");
    int fullUpTo = opts.integer("idflowFullUpTo", 1000);
    int sample = opts.integer("sample", 100);
    int noopRepeats = opts.integer("noopRepeats", 3);
    String cellHeap = opts.string("cellHeap", "1g");
    List<String> fitHeaps = opts.list("fitHeaps", "256m,128m");
    Path out = opts.path("out", "target/bench");

    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path cells = out.resolve("cells-" + stamp);
    Files.createDirectories(cells);

    ObjectNode report = Local.JSON.createObjectNode();
    report.put("started", stamp);
    report.put("loadAtStart", loadLine());
    ArrayNode results = report.putArray("cells");

    try (BenchServer server = BenchServer.start(opts, out.resolve("server-" + stamp))) {
      report.set("machine", machine(server.java()));
      report.put("serverStartupSeconds", server.startupTime().toMillis() / 1000.0);
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
    System.out.printf(
        Locale.ROOT,
        "%s N=%d%s -Xmx%s (load %s) ...%n",
        approach,
        n,
        sample > 0 ? " sample=" + sample : "",
        heap,
        loadLine());
    long began = System.nanoTime();
    int exit =
        BenchCell.fork(
            heap,
            url,
            approach,
            Integer.toString(n),
            Integer.toString(sample),
            Integer.toString(noopRepeats),
            cells.toString(),
            result.toString());
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
}
