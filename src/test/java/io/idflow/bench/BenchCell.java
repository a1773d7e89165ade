package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.remote.RemoteDefinitions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * One cell of the benchmark, in a JVM of its own (so that heap and JIT state are its own): one
 * approach at one N. Writes N task and N workflow definitions with names no other cell uses, then
 * measures (a) the first upload, (b) a rerun with nothing to do (repeated, the median is reported),
 * (c) a rerun after 1% of each kind changed; then checks what the server holds and deletes every
 * definition it made, so the next cell starts from the same server state. Started by {@link
 * Benchmark}; writes its result as JSON.
 *
 * <p>Arguments: {@code url approach n sample noopRepeats workDir resultFile}.
 */
public final class BenchCell {

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--cold-noop")) {
      coldNoop(args[1], Path.of(args[2]), Path.of(args[3]));
      return;
    }
    if (args[0].equals("--fetch")) {
      fetchWorkflows(args[1], Path.of(args[2]), args[3].equals("listing"), Path.of(args[4]));
      return;
    }
    String url = args[0];
    String approachName = args[1];
    int n = Integer.parseInt(args[2]);
    int sample = Integer.parseInt(args[3]);
    int noopRepeats = Integer.parseInt(args[4]);
    Path work = Path.of(args[5]);
    Path resultFile = Path.of(args[6]);

    String prefix =
        "b"
            + Long.toString(System.currentTimeMillis(), 36)
            + "_"
            + approachName.replace('-', '_')
            + "_"
            + n;
    Path idflow = work.resolve(prefix).resolve("idflow");
    Generator generator = new Generator(prefix, n, idflow);
    generator.writeAll();
    Set<String> changed =
        generator.changedIndices().stream()
            .flatMap(
                i -> java.util.stream.Stream.of(generator.workflowName(i), generator.taskName(i)))
            .collect(Collectors.toSet());

    Meter meter = new Meter();
    Approach approach =
        switch (approachName) {
          case "core" -> new CoreApproach(url, meter);
          case "plain" -> new PlainApproach(url, meter);
          case "idflow" -> new IdflowApproach(url, meter, sample);
          default ->
              throw new IllegalArgumentException(
                  "Unknown approach " + approachName + " (core, idflow, plain)");
        };

    ObjectNode result = Local.JSON.createObjectNode();
    result.put("approach", approachName);
    result.put("n", n);
    result.put("sample", sample);
    result.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    result.put("java", System.getProperty("java.version"));
    ArrayNode phases = result.putArray("phases");
    try (HeapWatch heap = new HeapWatch()) {
      phases.add(measure("a", approach, idflow, Set.of(), meter, heap));
      List<ObjectNode> noops = new ArrayList<>();
      for (int r = 0; r < noopRepeats; r++) {
        noops.add(measure("b", approach, idflow, Set.of(), meter, heap));
      }
      noops.sort(Comparator.comparingDouble(o -> o.get("wallMs").asDouble()));
      ObjectNode median = noops.get(noops.size() / 2);
      ArrayNode all = median.putArray("allWallMs");
      noops.stream().map(o -> o.get("wallMs").asDouble()).sorted().forEach(all::add);
      ArrayNode allOwn = median.putArray("allOwnMs");
      noops.stream()
          .filter(o -> o.has("ownMs"))
          .map(o -> o.get("ownMs").asDouble())
          .sorted()
          .forEach(allOwn::add);
      ArrayNode allCpu = median.putArray("allCpuMs");
      noops.stream()
          .filter(o -> o.has("cpuMs"))
          .map(o -> o.get("cpuMs").asDouble())
          .sorted()
          .forEach(allCpu::add);
      phases.add(median);
      generator.changeOnePercent();
      phases.add(measure("c", approach, idflow, changed, meter, heap));
    }
    if (approachName.equals("core")) {
      // A rerun in real life is a new Maven JVM: one more no-op, in a JVM that has run nothing yet.
      Path cold = resultFile.resolveSibling(resultFile.getFileName() + ".cold");
      String heap = Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
      phases.add(noopInFreshJvm(url, idflow, cold, heap));
    }
    OkHttpClient http = Http.client(new Meter());
    result.set("serverState", check(http, url, prefix, n, generator));
    result.put("deleted", cleanUp(http, url, prefix));
    Files.writeString(
        resultFile, Local.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    deleteTree(work.resolve(prefix));
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /**
   * Runs this class's main with {@code args} in a fresh JVM: this JVM's Java and classpath, {@code
   * -Xmx heap}, its output on this one's. Returns its exit code.
   */
  static int fork(String heap, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                BenchCell.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /**
   * The core's no-op on {@code idflow} in a fresh JVM, as a user's rerun is a new Maven JVM: class
   * loading and a cold JIT included. Returns the phase as measured there ({@code b-cold}).
   */
  static ObjectNode noopInFreshJvm(String url, Path idflow, Path resultFile, String heap)
      throws IOException, InterruptedException {
    Files.deleteIfExists(resultFile);
    if (fork(heap, "--cold-noop", url, idflow.toString(), resultFile.toString()) != 0
        || !Files.isRegularFile(resultFile)) {
      throw new IllegalStateException("The no-op run in a fresh JVM failed");
    }
    ObjectNode phase = (ObjectNode) Local.JSON.readTree(resultFile.toFile());
    Files.delete(resultFile);
    return phase;
  }

  /**
   * The fetch of the project's workflows, the two ways {@code RemoteDefinitions} can read them, in
   * a fresh JVM: the whole listing, or the names and versions and then the project's bodies. Both
   * start after one small request, so that neither pays the client's start-up alone. Writes the
   * time and the heap in use after it.
   */
  static ObjectNode fetchInFreshJvm(
      String url, Path idflow, boolean listing, Path resultFile, String heap)
      throws IOException, InterruptedException {
    Files.deleteIfExists(resultFile);
    if (fork(
                heap,
                "--fetch",
                url,
                idflow.toString(),
                listing ? "listing" : "project",
                resultFile.toString())
            != 0
        || !Files.isRegularFile(resultFile)) {
      throw new IllegalStateException("The fetch in a fresh JVM failed");
    }
    return (ObjectNode) Local.JSON.readTree(resultFile.toFile());
  }

  private static void fetchWorkflows(String url, Path idflow, boolean listing, Path resultFile)
      throws IOException {
    List<DefinitionId> ids = DefinitionLoader.load(idflow).ids(Kind.WORKFLOW);
    try (ConductorClient client = ConductorClient.create(url)) {
      client.getWorkflowDef(ids.get(0).name(), ids.get(0).version());
      long began = System.nanoTime();
      RemoteDefinitions remote =
          listing
              ? RemoteDefinitions.fetch(client, Kind.WORKFLOW)
              : RemoteDefinitions.fetch(client, ids, Kind.WORKFLOW);
      long ms = (System.nanoTime() - began) / 1_000_000;
      if (ids.stream().anyMatch(id -> remote.get(id).isEmpty())) {
        throw new IllegalStateException("A project workflow is missing from the fetch");
      }
      Runtime rt = Runtime.getRuntime();
      ObjectNode result = Local.JSON.createObjectNode();
      result.put("ms", ms).put("heapMb", (rt.totalMemory() - rt.freeMemory()) >> 20);
      Files.writeString(resultFile, Local.JSON.writeValueAsString(result));
    }
  }

  /**
   * One core no-op in this fresh JVM: class loading and a cold JIT included, as in a new Maven run.
   */
  private static void coldNoop(String url, Path idflow, Path resultFile) throws Exception {
    Meter meter = new Meter();
    ObjectNode phase;
    try (HeapWatch heap = new HeapWatch()) {
      phase = measure("b-cold", new CoreApproach(url, meter), idflow, Set.of(), meter, heap);
    }
    // A no-op writes nothing: only reads, however many (the request count is measured, not
    // assumed).
    ObjectNode routes = phase.putObject("routes");
    meter
        .routes()
        .forEach(
            (route, counts) -> {
              if (!route.startsWith("GET ")) {
                throw new IllegalStateException("Not a no-op: it sent " + route);
              }
              routes
                  .putObject(route)
                  .put("requests", counts.requests())
                  .put("responseBytes", counts.responseBytes());
            });
    Files.writeString(resultFile, Local.JSON.writeValueAsString(phase));
  }

  private static ObjectNode measure(
      String phase,
      Approach approach,
      Path idflow,
      Set<String> changed,
      Meter meter,
      HeapWatch heap)
      throws Exception {
    heap.reset();
    meter.reset();
    double load = Benchmark.loadAverage();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBegan = os.getProcessCpuTime();
    long began = System.nanoTime();
    Approach.Estimate estimate = approach.run(idflow, changed);
    long wall = System.nanoTime() - began;
    // CPU time of the whole cell JVM: the work done, whatever the load (waiting for the server
    // costs none). All
    // threads, since the core validates on a thread of its own; the JIT, the collector and the heap
    // sampler too.
    long cpu = os.getProcessCpuTime() - cpuBegan;
    Meter.Counts counts = meter.counts();
    ObjectNode out = Local.JSON.createObjectNode();
    out.put("phase", phase);
    out.put("load1", load);
    if (estimate == null) {
      out.put("wallMs", wall / 1e6);
      out.put("requests", counts.requests());
      out.put("requestBytes", counts.requestBytes());
      out.put("responseBytes", counts.responseBytes());
      out.put("httpMs", counts.httpNanos() / 1e6);
      out.put("ownMs", (wall - counts.httpNanos()) / 1e6);
      out.put("cpuMs", cpu / 1e6);
    } else {
      out.put("wallMs", estimate.wallNanos() / 1e6);
      out.put("requests", estimate.requests());
      out.put("requestBytes", estimate.requestBytes());
      out.put("responseBytes", estimate.responseBytes());
      out.put("extrapolated", estimate.how());
      out.put("sampleRunWallMs", wall / 1e6);
    }
    out.put("peakHeapMB", heap.peakBytes() / (1024.0 * 1024));
    out.put("liveHeapMB", heap.liveBytes() / (1024.0 * 1024));
    return out;
  }

  /**
   * What the server holds for this cell after phase c, to show each approach did (or did not do)
   * its job.
   */
  private static ObjectNode check(
      OkHttpClient http, String url, String prefix, int n, Generator generator) throws IOException {
    ObjectNode state = Local.JSON.createObjectNode();
    int v1 = 0;
    int v2 = 0;
    for (JsonNode w : Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/workflow")))) {
      if (w.path("name").asText().startsWith(prefix)) {
        if (w.path("version").asInt() == 1) {
          v1++;
        } else {
          v2++;
        }
      }
    }
    Map<String, JsonNode> tasks = new HashMap<>();
    for (JsonNode t : Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/taskdefs")))) {
      if (t.path("name").asText().startsWith(prefix)) {
        tasks.put(t.path("name").asText(), t);
      }
    }
    List<Integer> changed = generator.changedIndices();
    long updated =
        changed.stream()
            .filter(
                i ->
                    tasks.containsKey(generator.taskName(i))
                        && tasks.get(generator.taskName(i)).path("retryCount").asInt() == 5)
            .count();
    state.put("workflowsV1", v1);
    state.put("workflowsV2", v2);
    state.put("taskDefs", tasks.size());
    state.put("changedTaskDefsUpdated", updated);
    state.put(
        "expected",
        v1 == n && v2 == changed.size() && tasks.size() == n && updated == changed.size());
    return state;
  }

  /** Deletes every definition whose name starts with {@code prefix}; returns how many. */
  private static int cleanUp(OkHttpClient http, String url, String prefix) throws IOException {
    int deleted = 0;
    for (JsonNode w : Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/workflow")))) {
      String name = w.path("name").asText();
      if (name.startsWith(prefix)) {
        Http.send(
            http,
            new Request.Builder()
                .url(url + "/api/metadata/workflow/" + enc(name) + "/" + w.path("version").asInt())
                .delete()
                .build());
        deleted++;
      }
    }
    for (JsonNode t : Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/taskdefs")))) {
      String name = t.path("name").asText();
      if (name.startsWith(prefix)) {
        Http.send(
            http,
            new Request.Builder()
                .url(url + "/api/metadata/taskdefs/" + enc(name))
                .delete()
                .build());
        deleted++;
      }
    }
    return deleted;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).get().build();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
