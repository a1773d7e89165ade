package io.idflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The baselines' reading of {@code idflow/}: every file parsed with plain Jackson, no validation.
 */
record Local(List<Def> tasks, List<Def> workflows) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One definition: its identity, and its body as sent (compact JSON, like the plugin sends). */
  record Def(String name, int version, byte[] body) {
    String id() {
      return name + " v" + version;
    }
  }

  static Local read(Path idflow) throws IOException {
    return new Local(folder(idflow.resolve("tasks")), folder(idflow.resolve("workflows")));
  }

  private static List<Def> folder(Path folder) throws IOException {
    List<Def> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        out.add(
            new Def(
                json.path("name").asText(),
                json.path("version").asInt(1),
                JSON.writeValueAsBytes(json)));
      }
    }
    return out;
  }
}
