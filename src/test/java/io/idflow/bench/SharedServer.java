package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Issue 18's shared server: does the core's no-op cost what the project holds, or what the server
 * holds? The core uploads a project of {@code project} workflows and as many task definitions
 * ({@link Generator}'s), then its no-op ({@code sync-tasks} then {@code upload-workflows}) is
 * measured in a fresh JVM per run ({@link BenchCell#noopInFreshJvm}); then another team's
 * definitions are added to the server in bulk and the same no-op is measured again.
 *
 * <p>Run: {@code ./mvnw -B -Pbench verify -Dbench.main=io.idflow.bench.SharedServer
 * -Dbench.args="project=100 others=10000"}. Arguments: {@code project=100}; {@code others=10000}
 * (other workflow versions), {@code versions=5} (versions per other workflow name), {@code
 * otherTasks=1000} (other task definitions); {@code repeats=5} (fresh-JVM runs per row, the median
 * is reported); {@code heap=1g} ({@code -Xmx} of those JVMs); {@code out=target/bench}; {@code
 * serverJar}, {@code serverJava} as for {@link Benchmark}. Writes {@code out/shared.md}.
 */
public final class SharedServer {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final int BATCH = 500;

  /** One row: what the server held, and the fresh-JVM runs of the no-op, fastest first. */
  private record Row(String server, List<JsonNode> runs) {
    JsonNode median() {
      return runs.get(runs.size() / 2);
    }

    double wallMs() {
      return median().get("wallMs").asDouble();
    }

    long received() {
      return median().get("responseBytes").asLong();
    }
  }

  public static void main(String[] args) throws Exception {
    Opts opts = Opts.parse(args);
    int project = opts.integer("project", 100);
    int others = opts.integer("others", 10_000);
    int versions = opts.integer("versions", 5);
    int otherTasks = opts.integer("otherTasks", 1000);
    int repeats = opts.integer("repeats", 5);
    String heap = opts.string("heap", "1g");
    Path out = opts.path("out", "target/bench");
    Path work =
        out.resolve(
            "shared-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path idflow = work.resolve("project").resolve("idflow");
    new Generator("proj", project, idflow).writeAll();

    List<Row> rows = new ArrayList<>();
    String added;
    String fetches;
    try (BenchServer server = BenchServer.start(opts, work.resolve("server"))) {
      String url = server.url();
      new CoreApproach(url, new Meter()).run(idflow, Set.of()); // the first upload, not measured
      rows.add(measure(url, idflow, repeats, heap, work));
      added = addOthers(url, others, versions, otherTasks);
      System.out.println("Added " + added);
      rows.add(measure(url, idflow, repeats, heap, work));
      fetches = fetches(url, idflow, repeats, heap, work);
    }
    String table = render(project, repeats, heap, added, rows) + fetches;
    Files.writeString(out.resolve("shared.md"), table);
    System.out.println(table);
  }

  /**
   * The no-op {@code repeats} times, each in a fresh JVM, after one untimed run in this JVM so that
   * the server has served these listings once.
   */
  private static Row measure(String url, Path idflow, int repeats, String heap, Path work)
      throws Exception {
    new CoreApproach(url, new Meter()).run(idflow, Set.of());
    String server = holds(url);
    System.out.printf(Locale.ROOT, "No-op on a server holding %s ...%n", server);
    List<JsonNode> runs = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      JsonNode run = BenchCell.noopInFreshJvm(url, idflow, work.resolve("noop.json"), heap);
      System.out.printf(
          Locale.ROOT,
          "  %s, %d requests, %s received (load %s)%n",
          Tables.time(run.get("wallMs").asDouble()),
          run.get("requests").asLong(),
          Tables.bytes(run.get("responseBytes").asLong()),
          Benchmark.loadLine());
      runs.add(run);
    }
    runs.sort(Comparator.comparingDouble(run -> run.get("wallMs").asDouble()));
    return new Row(server, runs);
  }

  /**
   * Why the core reads only the project's workflows on a shared server: both ways of reading them,
   * {@code repeats} times each in a fresh JVM, medians.
   */
  private static String fetches(String url, Path idflow, int repeats, String heap, Path work)
      throws Exception {
    StringBuilder md =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nReading the project's workflows on the shared server, each way %d times in a"
                    + " fresh JVM (-Xmx%s), medians: time from the first request to the snapshot,"
                    + " and heap in use after it.%n%n| read | time | heap in use"
                    + " |%n|---|---:|---:|%n",
                repeats,
                heap));
    for (boolean listing : List.of(true, false)) {
      List<Long> ms = new ArrayList<>();
      List<Long> mb = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        JsonNode run =
            BenchCell.fetchInFreshJvm(url, idflow, listing, work.resolve("fetch.json"), heap);
        ms.add(run.get("ms").asLong());
        mb.add(run.get("heapMb").asLong());
      }
      ms.sort(null);
      mb.sort(null);
      String what =
          listing
              ? "the whole listing (`GET /metadata/workflow`)"
              : "names and versions, then the project's bodies 4 at a time (what the core does)";
      System.out.printf(Locale.ROOT, "Fetch, %s: %s%n", what, ms);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d ms | %,d MB |%n",
              what,
              ms.get(ms.size() / 2),
              mb.get(mb.size() / 2)));
    }
    return md.toString();
  }

  /** What the server holds, counted from its listings (untimed). */
  private static String holds(String url) throws IOException {
    OkHttpClient http = Http.client(new Meter());
    JsonNode workflows = Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/workflow")));
    JsonNode tasks = Local.JSON.readTree(Http.send(http, get(url + "/api/metadata/taskdefs")));
    return String.format(
        Locale.ROOT, "%,d workflow versions, %,d task definitions", workflows.size(), tasks.size());
  }

  /**
   * Adds another team's definitions, made as {@link Generator} makes the project's (about 1.8 KB a
   * workflow): {@code otherTasks} task definitions, then {@code others} workflow versions, {@code
   * versions} per name, each version with its own description (and from version 2 one more task).
   * Bulk requests of {@value #BATCH}. Returns what was added, in words.
   */
  private static String addOthers(String url, int others, int versions, int otherTasks)
      throws IOException {
    Generator team = new Generator("payments", otherTasks, null);
    List<ObjectNode> tasks = new ArrayList<>();
    for (int i = 0; i < otherTasks; i++) {
      tasks.add(team.task(i, false).put("ownerEmail", "payments-team@example.com"));
    }
    List<ObjectNode> workflows = new ArrayList<>();
    for (int k = 0; k < others; k++) {
      int version = k % versions + 1;
      ObjectNode w = team.workflow(k / versions, version > 1);
      w.put("version", version);
      w.put("description", w.get("description").asText() + " (version " + version + ")");
      w.put("ownerEmail", "payments-team@example.com");
      workflows.add(w);
    }
    OkHttpClient http = Http.client(new Meter());
    send(http, url + "/api/metadata/taskdefs", "POST", tasks);
    send(http, url + "/api/metadata/workflow", "PUT", workflows);
    return String.format(
        Locale.ROOT,
        "another team's %,d workflow versions (%,d names x %d versions, %s of compact JSON) and %,d"
            + " task definitions (%s), names payments_*",
        others,
        (others + versions - 1) / versions,
        versions,
        Tables.bytes(size(workflows)),
        otherTasks,
        Tables.bytes(size(tasks)));
  }

  private static void send(OkHttpClient http, String url, String method, List<ObjectNode> defs)
      throws IOException {
    for (int from = 0; from < defs.size(); from += BATCH) {
      ArrayNode batch = Local.JSON.createArrayNode();
      batch.addAll(defs.subList(from, Math.min(defs.size(), from + BATCH)));
      RequestBody body = RequestBody.create(Local.JSON.writeValueAsBytes(batch), JSON_TYPE);
      Http.send(http, new Request.Builder().url(url).method(method, body).build());
    }
  }

  private static long size(List<ObjectNode> defs) throws IOException {
    long bytes = 0;
    for (ObjectNode def : defs) {
      bytes += Local.JSON.writeValueAsBytes(def).length;
    }
    return bytes;
  }

  private static String render(
      int project, int repeats, String heap, String added, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "The core's no-op (`SyncTasks.run` then `UploadWorkflows.run`) on a project of %,d"
                + " workflows and %,d task definitions, %d runs per row, each in a fresh JVM"
                + " (-Xmx%s); the median run is shown, with the fastest and slowest wall times."
                + " Added between the rows: %s.%n%n",
            project,
            project,
            repeats,
            heap,
            added));
    md.append(
        "| server holds | wall, median (min-max) | of it HTTP | HTTP requests | bytes received |"
            + " per route: requests, bytes received |\n");
    md.append("|---|---:|---:|---:|---:|---|\n");
    for (Row row : rows) {
      JsonNode m = row.median();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s (%s-%s) | %s | %d | %s | %s |%n",
              row.server(),
              Tables.time(row.wallMs()),
              Tables.time(row.runs().get(0).get("wallMs").asDouble()),
              Tables.time(row.runs().get(row.runs().size() - 1).get("wallMs").asDouble()),
              Tables.time(m.get("httpMs").asDouble()),
              m.get("requests").asLong(),
              Tables.bytes(row.received()),
              routes(m)));
    }
    Row alone = rows.get(0);
    Row shared = rows.get(1);
    double time = shared.wallMs() / alone.wallMs();
    double bytes = (double) shared.received() / alone.received();
    md.append(
        String.format(
            Locale.ROOT,
            "| ratio, shared / alone | %s | | | %s | |%n%n",
            Tables.ratio(shared.wallMs(), alone.wallMs()),
            Tables.ratio(shared.received(), alone.received())));
    md.append("| target (issue 18) | measured | |\n|---|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| on the shared server the no-op takes at most 1.3x its time on a server holding only"
                + " the project's | %.2fx | %s |%n",
            time,
            time <= 1.3 ? "met" : "missed"));
    md.append(
        String.format(
            Locale.ROOT,
            "| bytes read grow with the project, not the server (read: at most 1.1x) | %.2fx | %s"
                + " |%n",
            bytes,
            bytes <= 1.1 ? "met" : "missed"));
    return md.toString();
  }

  private static String routes(JsonNode run) {
    List<String> parts = new ArrayList<>();
    run.path("routes")
        .fields()
        .forEachRemaining(
            e ->
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "`%s` %d, %s",
                        e.getKey(),
                        e.getValue().get("requests").asLong(),
                        Tables.bytes(e.getValue().get("responseBytes").asLong()))));
    return parts.stream().collect(Collectors.joining("; "));
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).get().build();
  }
}
