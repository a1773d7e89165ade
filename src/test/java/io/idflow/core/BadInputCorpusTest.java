package io.idflow.core;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken definition set in {@code src/test/resources/bad-input/} goes the way a user's build
 * goes ({@code upload-workflows}, {@code sync-tasks}) and must fail with the expected problems
 * before a single request reaches the server. The corpus and what each case must report: {@code
 * bad-input/README.md}.
 */
class BadInputCorpusTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;
  private Path idflow;
  private ConductorClient client;
  private final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() {
    idflow = project.resolve("idflow");
    // No stubs: any request would be answered 404 and, above all, be in the journal.
    client = ConductorClient.builder(server.baseUrl()).retries(0).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Path corpus() {
    try {
      return Path.of(
          Objects.requireNonNull(BadInputCorpusTest.class.getResource("/bad-input")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void corpusHoldsAtLeastThirtyCasesEachWithExpectations() throws IOException {
    List<String> names = cases().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(30);
    for (String name : names) {
      assertThat(corpus().resolve(name).resolve("expected.txt")).as(name).isRegularFile();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void uploadWorkflowsFailsBeforeAnyRequest(String name) throws IOException {
    copyCase(name);

    Throwable thrown =
        catchThrowable(
            () ->
                UploadWorkflows.run(
                    client, LocalFiles.of(idflow), UploadWorkflows.Options.defaults(), log));

    assertReports(name, thrown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncTasksFailsBeforeAnyRequest(String name) throws IOException {
    copyCase(name);

    Throwable thrown =
        catchThrowable(
            () -> SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log));

    assertReports(name, thrown);
  }

  /**
   * 21 MB of valid task definitions, then one missing a comma: found on line 20002, not capped or
   * skipped.
   */
  @Test
  void hugeFileReportsTheLineOfAnErrorAtItsEnd() throws IOException {
    Path file = idflow.resolve("tasks/huge.json");
    Files.createDirectories(file.getParent());
    String description = "x".repeat(1000);
    int count = 20_000;
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("[\n");
      for (int i = 0; i < count; i++) {
        out.write(
            "  {\"name\": \"huge_"
                + i
                + "\", \"retryCount\": 1, \"description\": \""
                + description
                + "\"},\n");
      }
      out.write("  {\"name\": \"last\" \"retryCount\": 1}\n]\n");
    }
    assertThat(Files.size(file)).isGreaterThan(20_000_000L);
    int lastLine = count + 2;

    Throwable thrown =
        catchThrowable(
            () -> SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log));

    assertThat(thrown).isInstanceOf(InvalidDefinitionsException.class);
    assertThat(((InvalidDefinitionsException) thrown).errors())
        .singleElement()
        .hasToString(
            "idflow/tasks/huge.json line "
                + lastLine
                + ", column 19: is not valid JSON: Unexpected character ('\"' (code 34)):"
                + " was expecting comma to separate Object entries");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  /**
   * The case's files as {@code idflow/}, the way a project holds them (messages show {@code
   * idflow/...}).
   */
  private void copyCase(String name) throws IOException {
    Path from = corpus().resolve(name);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().equals("expected.txt")) {
          continue;
        }
        Path to = idflow.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  /**
   * {@code expected.txt}: one block per problem, blocks separated by a blank line, each line a
   * substring that problem's text must contain; {@code #} starts a comment line. Exactly as many
   * errors as blocks, every one with its file, and no request to the server.
   */
  private void assertReports(String name, Throwable thrown) {
    List<List<String>> blocks = expected(name);
    assertThat(thrown).as(name).isInstanceOf(InvalidDefinitionsException.class);
    InvalidDefinitionsException invalid = (InvalidDefinitionsException) thrown;
    List<String> errors = invalid.errors().stream().map(Problem::toString).toList();
    assertThat(errors).as(name + ": one error per block of expected.txt").hasSize(blocks.size());
    List<String> unmatched = new ArrayList<>(errors);
    for (List<String> block : blocks) {
      String match =
          unmatched.stream()
              .filter(e -> block.stream().allMatch(e::contains))
              .findFirst()
              .orElse(null);
      assertThat(match)
          .as(name + ": an error containing all of " + block + " among " + unmatched)
          .isNotNull();
      unmatched.remove(match);
    }
    for (Problem p : invalid.errors()) {
      assertThat(p.file()).as(name + ": every error names its file: " + p).isNotNull();
    }
    assertThat(invalid.getMessage()).contains("nothing was sent to Conductor");
    blocks.stream()
        .flatMap(List::stream)
        .forEach(s -> assertThat(invalid.getMessage()).as(name).contains(s));
    assertThat(server.getAllServeEvents()).as(name + ": requests sent").isEmpty();
  }

  private static List<List<String>> expected(String name) {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(
              corpus().resolve(name).resolve("expected.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          blocks.add(block);
          block = new ArrayList<>();
        }
      } else {
        block.add(line);
      }
    }
    if (!block.isEmpty()) {
      blocks.add(block);
    }
    return blocks;
  }
}
