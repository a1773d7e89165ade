package io.idflow.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case under {@code src/test/resources/golden/diff/} (see the README there). */
class JsonDiffGoldenTest {

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Path root() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(JsonDiffGoldenTest.class.getResource("/golden/diff")).toURI());
  }

  private static ObjectNode read(Path file) throws IOException {
    return (ObjectNode) Json.mapper().readTree(file.toFile());
  }

  @Test
  void findsTheCases() throws Exception {
    assertThat(cases())
        .contains("workflow-identical-server-shaped", "taskdef-identical-server-shaped")
        .hasSizeGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diffMatchesGoldenFile(String name) throws Exception {
    Path dir = root().resolve(name);
    Kind kind = name.startsWith("taskdef-") ? Kind.TASK : Kind.WORKFLOW;
    ObjectNode local = read(dir.resolve("local.json"));
    ObjectNode remote = read(dir.resolve("remote.json"));
    ObjectNode localBefore = local.deepCopy();
    ObjectNode remoteBefore = remote.deepCopy();

    List<String> actual =
        JsonDiff.definitions(kind, remote, local).stream().map(Difference::toString).toList();

    List<String> expected =
        Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isEmpty())
            .toList();
    assertThat(actual).as(name).containsExactlyElementsOf(expected);
    assertThat(local).as("local tree left untouched").isEqualTo(localBefore);
    assertThat(remote).as("remote tree left untouched").isEqualTo(remoteBefore);
  }
}
