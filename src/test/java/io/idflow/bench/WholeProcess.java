package io.idflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Issue 18's whole-process measurement: Maven itself, started as a user starts it, on tiny
 * projects. Times, against a server that already holds the demo's definitions ({@code idflow/} of
 * this repository, synced once untimed): Maven's own no-op ({@code mvn validate} on an empty POM),
 * a no-op {@code idflow:upload-workflows}, and one build running {@code idflow:validate}, {@code
 * sync-tasks}, {@code upload-workflows} and {@code check-missing}; plus {@code idflow:validate}
 * alone (no server), to show the offline part. One untimed round first, then {@code repeats}
 * rounds, the commands taking turns, so that a change in the machine's load hits them all.
 *
 * <p>The plugin must be installed in the local repository Maven uses: {@code ./mvnw -B -o install
 * -DskipTests -Dinvoker.skip} first. Run: {@code ./mvnw -B -Pbench verify
 * -Dbench.main=io.idflow.bench.WholeProcess}. Arguments: {@code repeats=7}; {@code mvn} (default:
 * the Maven the wrapper downloaded, the version in {@code .mvn/wrapper}); {@code localRepo}
 * (default: {@code -Dmaven.repo.local} of {@code MAVEN_OPTS}, else {@code ~/.m2/repository}),
 * passed to every Maven run, which also inherits {@code MAVEN_OPTS}; {@code root=.} (this
 * repository); {@code out=target/bench}; {@code serverJar}, {@code serverJava} as for {@link
 * Benchmark}. Maven runs on this JVM's Java. Writes {@code out/process.md}.
 */
public final class WholeProcess {

  /** A Maven invocation: a label for the table, the project, the goals. */
  private record Command(String label, Path pom, List<String> goals, List<Long> millis) {
    Command(String label, Path pom, String... goals) {
      this(label, pom, List.of(goals), new ArrayList<>());
    }

    long median() {
      return sorted().get(millis.size() / 2);
    }

    List<Long> sorted() {
      return millis.stream().sorted().toList();
    }

    /**
     * The median of this command's time minus {@code base}'s in the same round: the commands take
     * turns, so a change of load between rounds cancels out, where a difference of medians keeps
     * it.
     */
    long medianOver(Command base) {
      List<Long> over = new ArrayList<>();
      for (int i = 0; i < millis.size(); i++) {
        over.add(millis.get(i) - base.millis().get(i));
      }
      return over.stream().sorted().toList().get(over.size() / 2);
    }
  }

  public static void main(String[] args) throws Exception {
    Opts opts = Opts.parse(args);
    int repeats = opts.integer("repeats", 7);
    Path root = opts.path("root", ".");
    Path out = opts.path("out", "target/bench");
    Path work = out.resolve("process");
    Path mvn = opts.has("mvn") ? opts.path("mvn", "") : wrapperMaven(root);
    Path localRepo = opts.has("localRepo") ? opts.path("localRepo", "") : localRepository();
    String plugin = pluginCoordinates(root, localRepo);
    Path idflow = root.resolve("idflow");

    Files.createDirectories(work.resolve(".mvn")); // Maven's project root: no .mvn/ above applies
    Path empty =
        pom(
            work.resolve("empty"),
            "<groupId>bench</groupId><artifactId>empty</artifactId><version>1</version>"
                + "<packaging>pom</packaging>");
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String report;
    try (BenchServer server = BenchServer.start(opts, work.resolve("server-" + stamp))) {
      String[] coordinates = plugin.split(":");
      Path project =
          pom(
              work.resolve("plugin"),
              "<groupId>bench</groupId><artifactId>plugin</artifactId><version>1</version>"
                  + "<packaging>pom</packaging><build><plugins><plugin>"
                  + ("<groupId>" + coordinates[0] + "</groupId>")
                  + ("<artifactId>" + coordinates[1] + "</artifactId>")
                  + ("<version>" + coordinates[2] + "</version>")
                  + ("<configuration><directory>" + idflow + "</directory>")
                  + ("<conductorUrl>" + server.url() + "</conductorUrl></configuration>")
                  + "</plugin></plugins></build>");
      List<Command> commands =
          List.of(
              new Command("`mvn validate`, empty POM: Maven's own no-op", empty, "validate"),
              new Command(
                  "`mvn idflow:upload-workflows`, nothing to do",
                  project,
                  plugin + ":upload-workflows"),
              new Command(
                  "`mvn idflow:validate idflow:sync-tasks idflow:upload-workflows"
                      + " idflow:check-missing`, nothing to do",
                  project,
                  plugin + ":validate",
                  plugin + ":sync-tasks",
                  plugin + ":upload-workflows",
                  plugin + ":check-missing"),
              new Command(
                  "`mvn idflow:validate` (offline part, for reference)",
                  project,
                  plugin + ":validate"),
              new Command(
                  "`mvn idflow:upload-workflows -Didflow.skip=true` (Maven loading the plugin, for"
                      + " reference)",
                  project,
                  plugin + ":upload-workflows",
                  "-Didflow.skip=true"));
      Command sync = new Command("sync", project, plugin + ":sync");
      run(mvn, localRepo, sync, work); // the server now holds the demo's definitions
      for (int round = 0; round <= repeats; round++) {
        System.out.printf(
            Locale.ROOT,
            "%s (load %s):",
            round == 0 ? "Warm-up" : "Round " + round,
            Benchmark.loadLine());
        for (Command command : commands) {
          long ms = run(mvn, localRepo, command, work);
          System.out.printf(Locale.ROOT, " %,d ms", ms);
          if (round > 0) {
            command.millis().add(ms);
          }
        }
        System.out.println();
      }
      report = render(commands, mvn, localRepo, plugin, idflow, server, repeats);
    }
    Files.writeString(out.resolve("process.md"), report);
    System.out.println(report);
  }

  /** Runs one Maven process to its end and returns its wall time; a failure stops the benchmark. */
  private static long run(Path mvn, Path localRepo, Command command, Path work)
      throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(
            List.of(
                mvn.toString(),
                "-B",
                "-q",
                "-o",
                "-f",
                command.pom().toString(),
                "-Dmaven.repo.local=" + localRepo));
    line.addAll(command.goals());
    Path log = work.resolve("last-" + command.pom().getParent().getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    long began = System.nanoTime();
    int exit = builder.start().waitFor();
    long ms = (System.nanoTime() - began) / 1_000_000;
    if (exit != 0) {
      throw new IllegalStateException(
          String.join(" ", line) + " failed (exit " + exit + "):\n" + Files.readString(log));
    }
    return ms;
  }

  /** The first line of {@code mvn --version}, such as {@code Apache Maven 3.9.11}. */
  private static String mavenVersion(Path mvn) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(mvn.toString(), "--version");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.redirectErrorStream(true).start();
    String first =
        new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("");
    return first.replaceFirst(" \\(.*", "").trim();
  }

  private static Path pom(Path dir, String body) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(
        dir.resolve("pom.xml"),
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + body
            + "</project>\n");
  }

  /** The Maven the wrapper downloaded for {@code root}, the version the project builds with. */
  private static Path wrapperMaven(Path root) throws IOException {
    Properties wrapper = new Properties();
    try (var in = Files.newInputStream(root.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
      wrapper.load(in);
    }
    String url = wrapper.getProperty("distributionUrl");
    String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("-bin\\.zip$", "");
    String userHome = System.getenv("MAVEN_USER_HOME");
    Path dists =
        (userHome != null ? Path.of(userHome) : Path.of(System.getProperty("user.home"), ".m2"))
            .resolve("wrapper/dists")
            .resolve(name);
    if (Files.isDirectory(dists)) {
      try (Stream<Path> hashes = Files.list(dists)) {
        for (Path hash : hashes.sorted().toList()) {
          Path mvn = hash.resolve("bin/mvn");
          if (Files.isExecutable(mvn)) {
            return mvn;
          }
        }
      }
    }
    throw new IllegalStateException(
        "No " + name + " under " + dists + ": run ./mvnw --version once, or pass mvn=PATH");
  }

  /** {@code -Dmaven.repo.local} of {@code MAVEN_OPTS}, else Maven's default. */
  private static Path localRepository() {
    Matcher m =
        Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)")
            .matcher(System.getenv().getOrDefault("MAVEN_OPTS", ""));
    return m.find()
        ? Path.of(m.group(1))
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /**
   * {@code groupId:artifactId:version} of the plugin built here (its descriptor in {@code
   * target/classes}), once its jar is installed in {@code localRepo}.
   */
  private static String pluginCoordinates(Path root, Path localRepo) throws Exception {
    Path descriptor = root.resolve("target/classes/META-INF/maven/plugin.xml");
    if (!Files.isRegularFile(descriptor)) {
      throw new IllegalStateException("No plugin descriptor at " + descriptor + ": build it first");
    }
    Element plugin =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(descriptor.toFile())
            .getDocumentElement();
    String group = child(plugin, "groupId");
    String artifact = child(plugin, "artifactId");
    String version = child(plugin, "version");
    Path jar =
        localRepo
            .resolve(group.replace('.', '/'))
            .resolve(artifact)
            .resolve(version)
            .resolve(artifact + "-" + version + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The plugin is not installed in "
              + localRepo
              + " (no "
              + jar
              + "). Install it first, with the same MAVEN_OPTS: ./mvnw -B -o install -DskipTests"
              + " -Dinvoker.skip");
    }
    System.out.println(
        "Plugin " + jar + ", installed " + Instant.ofEpochMilli(jar.toFile().lastModified()));
    return group + ":" + artifact + ":" + version;
  }

  private static String child(Element parent, String name) {
    for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new IllegalStateException("No <" + name + "> in the plugin descriptor");
  }

  private static String render(
      List<Command> commands,
      Path mvn,
      Path localRepo,
      String plugin,
      Path idflow,
      BenchServer server,
      int repeats)
      throws IOException {
    long files;
    try (Stream<Path> walk = Files.walk(idflow)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).count();
    }
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Whole Maven processes, `%s -B -q -o -f <project>/pom.xml` (%s, on Java %s from"
                + " %s; local repository %s), %d timed runs each after one untimed, taking turns;"
                + " plugin %s on the demo's definitions (%s, %d JSON files), against Conductor %s"
                + " on Java %s holding them already. Load at the end: %s.%n%n",
            mvn,
            mavenVersion(mvn),
            System.getProperty("java.version"),
            System.getProperty("java.home"),
            localRepo,
            repeats,
            plugin,
            idflow,
            files,
            BenchServer.VERSION,
            server.java().version(),
            Benchmark.loadLine()));
    md.append(
        "| command | median | min | max | over Maven's no-op: difference of medians | over Maven's"
            + " no-op: median of each round's difference |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    Command base = commands.get(0);
    long noop = base.median();
    for (Command c : commands) {
      List<Long> sorted = c.sorted();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d ms | %,d ms | %,d ms | %s | %s |%n",
              c.label(),
              c.median(),
              sorted.get(0),
              sorted.get(sorted.size() - 1),
              c == base ? "" : String.format(Locale.ROOT, "+%,d ms", c.median() - noop),
              c == base ? "" : String.format(Locale.ROOT, "+%,d ms", c.medianOver(base))));
    }
    md.append(
        "\n| target (issue 18), by the median of each round's difference | measured | |\n"
            + "|---|---:|---|\n");
    md.append(
        target(
            "a no-op `idflow:upload-workflows`: at most Maven's no-op + 1.0 s",
            commands.get(1).medianOver(base),
            1000));
    md.append(
        target(
            "`validate`, `sync-tasks`, `upload-workflows`, `check-missing` in one build: at most"
                + " Maven's no-op + 1.5 s",
            commands.get(2).medianOver(base),
            1500));
    return md.toString();
  }

  private static String target(String what, long overMs, long limitMs) {
    return String.format(
        Locale.ROOT, "| %s | +%,d ms | %s |%n", what, overMs, overMs <= limitMs ? "met" : "missed");
  }
}
