package io.idflow.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.IdflowLog;
import io.idflow.core.Json;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.goal.Diff;
import io.idflow.core.goal.Export;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.DefinitionValidator;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.plan.Action;
import io.idflow.core.remote.RemoteDefinitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs one source of a corpus of real definitions against a real, empty Conductor: for every
 * definition the server's verdict beside the plugin's offline one, then an upload of every
 * definition both accept with the plugin, and a second run straight after, which must plan nothing.
 * A source is a folder with {@code workflows/} and {@code tasks/}, as a project's {@code idflow/}
 * has them; it is measured alone and the server is emptied after it, so that sources may define the
 * same names.
 */
final class CorpusRun {

  /**
   * The verdicts on one definition: the server's and the plugin's errors (null when each accepts
   * it), and the plugin's warnings, some of which say that only the server can tell.
   */
  record Verdict(
      Kind kind, String file, int index, String id, String server, String plugin, String warnings) {

    /**
     * The server rejects what the plugin accepted with a warning that the server's own state
     * decides.
     */
    boolean serverStateDecides() {
      return warnings != null && warnings.contains("the server accepts it only if");
    }

    boolean serverAccepts() {
      return server == null;
    }

    boolean pluginAccepts() {
      return plugin == null;
    }
  }

  /** What one source gave. */
  record Result(
      String source,
      List<Verdict> verdicts,
      List<String> duplicates,
      List<String> uploadFailures,
      List<String> falseDrift,
      long diffChanges,
      List<String> exportMismatches,
      int uploadedWorkflows,
      int uploadedTasks) {

    long count(Kind kind) {
      return verdicts.stream().filter(v -> v.kind() == kind).count();
    }

    long count(Kind kind, boolean server, boolean plugin) {
      return verdicts.stream()
          .filter(
              v -> v.kind() == kind && v.serverAccepts() == server && v.pluginAccepts() == plugin)
          .count();
    }
  }

  private final String url;
  private final Path work;

  CorpusRun(String url, Path work) {
    this.url = url;
    this.work = work;
  }

  Result run(String name, Path source) throws IOException {
    List<Verdict> verdicts = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    Path accepted = work.resolve(name).resolve("idflow");
    Set<String> seen = new HashSet<>();
    try (ConductorClient client = ConductorClient.builder(url).retries(1).build()) {
      for (Kind kind : Kind.values()) {
        Path folder = source.resolve(kind.folder());
        if (!Files.isDirectory(folder)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
          files =
              walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
                  .sorted()
                  .toList();
        }
        for (Path file : files) {
          String shown = source.relativize(file).toString();
          List<Verdict> mine = judge(client, kind, file, shown);
          verdicts.addAll(mine);
          List<Integer> keep = new ArrayList<>();
          for (Verdict v : mine) {
            if (v.serverAccepts() && v.pluginAccepts()) {
              if (seen.add(kind + " " + v.id())) {
                keep.add(v.index());
              } else {
                duplicates.add(kind.label() + " " + v.id() + " in " + shown);
              }
            }
          }
          copyAccepted(
              file,
              keep,
              mine.size(),
              accepted.resolve(kind.folder()).resolve(String.format("%05d.json", seen.size())));
        }
      }
      // The task verdicts stored what the server accepted: start the upload from an empty server.
      empty(client);
      List<String> failures = new ArrayList<>();
      UploadOutcome tasks =
          SyncTasks.run(
              client, LocalFiles.of(accepted), SyncTasks.Options.defaults(), IdflowLog.silent());
      UploadOutcome workflows =
          UploadWorkflows.run(
              client,
              LocalFiles.of(accepted),
              UploadWorkflows.Options.defaults(),
              IdflowLog.silent());
      for (UploadOutcome r : List.of(tasks, workflows)) {
        r.results().stream()
            .filter(UploadResult::failed)
            .forEach(x -> failures.add(x.name() + " v" + x.version() + ": " + x.reason()));
        if (r.cause() != null) {
          failures.add(r.cause().getMessage());
        }
      }
      List<String> drift = new ArrayList<>();
      UploadOutcome tasksAgain =
          SyncTasks.run(
              client, LocalFiles.of(accepted), SyncTasks.Options.defaults(), IdflowLog.silent());
      UploadOutcome workflowsAgain =
          UploadWorkflows.run(
              client,
              LocalFiles.of(accepted),
              UploadWorkflows.Options.defaults(),
              IdflowLog.silent());
      for (UploadOutcome r : List.of(tasksAgain, workflowsAgain)) {
        for (UploadResult x : r.results()) {
          if (x.status() != UploadResult.Status.UP_TO_DATE && !x.failed()) {
            drift.add(
                r.kind().label()
                    + " "
                    + x.name()
                    + (r.kind() == Kind.WORKFLOW ? " v" + x.version() : "")
                    + ": "
                    + x.differences());
          }
        }
      }
      LocalDefinitions local = DefinitionLoader.load(accepted);
      long changes =
          Diff.plan(local, RemoteDefinitions.fetch(client, Kind.WORKFLOW, Kind.TASK), null)
              .items()
              .stream()
              .filter(i -> i.action() == Action.CREATE || i.action() == Action.UPDATE)
              .count();
      int uploadedWorkflows = local.workflows().size();
      int uploadedTasks = local.tasks().size();
      List<String> exportMismatches = exportRoundTrip(client);
      empty(client);
      return new Result(
          name,
          verdicts,
          duplicates,
          failures,
          drift,
          changes,
          exportMismatches,
          uploadedWorkflows,
          uploadedTasks);
    }
  }

  /**
   * Exports every version the server holds into an empty folder, then validates it and plans
   * against the server: every definition that does not come back unchanged, or any validation
   * error, is a mismatch.
   */
  private List<String> exportRoundTrip(ConductorClient client) throws IOException {
    Path exported = work.resolve("exported");
    deleteTree(exported);
    Export.run(
        client,
        LocalFiles.of(exported),
        new Export.Options(Set.of(), Set.of(), null, Export.Versions.ALL, false, false),
        IdflowLog.silent());
    List<String> mismatches = new ArrayList<>();
    LocalDefinitions defs =
        new DefinitionValidator(false).validate(DefinitionLoader.load(exported));
    defs.errors().forEach(p -> mismatches.add("invalid after export: " + p));
    RemoteDefinitions remote = RemoteDefinitions.fetch(client, Kind.WORKFLOW, Kind.TASK);
    Diff.plan(defs, remote, null).items().stream()
        .filter(i -> i.action() != Action.UNCHANGED)
        .forEach(i -> mismatches.add(i.action() + " " + i.id() + " " + i.differences()));
    long held = remote.all(Kind.WORKFLOW).size() + remote.all(Kind.TASK).size();
    if (defs.workflows().size() + defs.tasks().size() != held) {
      mismatches.add(
          "exported "
              + (defs.workflows().size() + defs.tasks().size())
              + " definitions of the "
              + held
              + " the server holds");
    }
    return mismatches;
  }

  /** Both verdicts on each definition of {@code file}. */
  private List<Verdict> judge(ConductorClient client, Kind kind, Path file, String shown)
      throws IOException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      return List.of(new Verdict(kind, shown, -1, "?", "not JSON", "not JSON", null));
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    // The plugin's verdict: the file alone, as a definitions directory holding only it.
    Path single = work.resolve("single");
    deleteTree(single);
    Files.createDirectories(single.resolve(kind.folder()));
    Files.copy(file, single.resolve(kind.folder()).resolve("d.json"));
    LocalDefinitions defs = new DefinitionValidator(false).validate(DefinitionLoader.load(single));
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      int index = root.isArray() ? i : -1;
      String id =
          item.path("name").asText("?")
              + (kind == Kind.WORKFLOW ? " v" + item.path("version").asInt(1) : "");
      String server =
          item instanceof ObjectNode o ? serverVerdict(client, kind, o) : "not an object";
      out.add(
          new Verdict(
              kind,
              shown,
              index,
              id,
              server,
              pluginVerdict(defs.errors(), index),
              pluginVerdict(defs.warnings(), index)));
    }
    return out;
  }

  /** The problems of the {@code index}-th definition of the file, as one text; null when none. */
  private static String pluginVerdict(List<Problem> problems, int index) {
    String prefix = index < 0 ? null : "/" + index;
    List<String> errors = new ArrayList<>();
    for (Problem p : problems) {
      String where = p.where() == null ? "" : p.where();
      if (prefix == null
          || where.equals(prefix)
          || where.startsWith(prefix + "/")
          || !where.startsWith("/")) {
        errors.add((p.where() == null ? "" : p.where() + ": ") + p.message());
      }
    }
    return errors.isEmpty() ? null : String.join(" | ", errors);
  }

  private static String serverVerdict(ConductorClient client, Kind kind, ObjectNode def) {
    try {
      if (kind == Kind.WORKFLOW) {
        client.validateWorkflowDef(def);
      } else {
        client.createTaskDefs(List.of(def));
      }
      return null;
    } catch (ConductorException e) {
      if (e.isUnavailable() && e.status() != 500) {
        throw e;
      }
      return e.status() + " " + e.getMessage().replaceFirst("^\\S+ \\S+ ", "");
    }
  }

  private static void copyAccepted(Path file, List<Integer> keep, int total, Path target)
      throws IOException {
    if (keep.isEmpty()) {
      return;
    }
    Files.createDirectories(target.getParent());
    if (keep.size() == total) {
      Files.copy(file, target); // as written
      return;
    }
    JsonNode root = Json.mapper().readTree(file.toFile());
    var array = Json.mapper().createArrayNode();
    keep.forEach(i -> array.add(root.get(i)));
    Files.write(target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
  }

  /** Deletes every workflow and task definition the server holds. */
  private void empty(ConductorClient client) throws IOException {
    for (ObjectNode wf : client.getWorkflowDefs()) {
      delete(
          "metadata/workflow/"
              + encode(wf.path("name").asText())
              + "/"
              + wf.path("version").asInt(1));
    }
    for (ObjectNode task : client.getTaskDefs()) {
      delete("metadata/taskdefs/" + encode(task.path("name").asText()));
    }
  }

  private void delete(String path) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(url + "/api/" + path).toURL().openConnection();
    c.setRequestMethod("DELETE");
    int status = c.getResponseCode();
    if (status != 200) {
      throw new IOException("DELETE " + path + " answered " + status);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /**
   * The sources below {@code root}: each {@code root/workflows/<source>} with {@code
   * root/tasks/<source>}, as a definitions folder of links below {@code work}; or {@code root}
   * itself when it has no such sub-folders.
   */
  static Map<String, Path> sources(Path root, Path work) throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    Set<String> names = new java.util.TreeSet<>();
    for (Kind kind : Kind.values()) {
      Path folder = root.resolve(kind.folder());
      if (Files.isDirectory(folder)) {
        try (Stream<Path> list = Files.list(folder)) {
          list.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
      }
    }
    if (names.isEmpty()) {
      out.put(root.getFileName().toString(), root);
      return out;
    }
    for (String name : names) {
      Path folder = work.resolve("sources").resolve(name);
      Files.createDirectories(folder);
      for (Kind kind : Kind.values()) {
        Path target = root.resolve(kind.folder()).resolve(name);
        if (Files.isDirectory(target)
            && !Files.exists(
                folder.resolve(kind.folder()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(folder.resolve(kind.folder()), target.toAbsolutePath());
        }
      }
      out.put(name, folder);
    }
    return out;
  }
}
