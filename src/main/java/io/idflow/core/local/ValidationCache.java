package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.ContentKey;
import io.idflow.core.Json;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Loaded definitions and validation results kept by content, so that a build reads and validates
 * each state of the definitions once: the goals of one build share both in memory, and a later
 * build finds the validation results under {@code target/idflow/validated/}. Used only when {@link
 * LocalFiles#validated()} is set, and only for definitions read from files.
 *
 * <p>Loaded definitions are keyed by {@link LocalDefinitions#content()}: every file's path and
 * bytes, the placeholder values and the default owner. A validation result is keyed by that
 * content, the validator's options and the plugin's own code (the bytes of its jar or classes). A
 * changed file, value, option or plugin build is a new key, so a result can never be stale; a
 * damaged or unreadable entry is ignored and validation runs. Results with secret placeholder
 * values are kept in memory only: a validation message may quote a value, and nothing secret goes
 * to disk.
 */
public final class ValidationCache {
  private static final String FORMAT = "idflow-validation-2";

  /** Entries kept in memory: a build rarely holds more than a few states of its definitions. */
  private static final int MEMORY_ENTRIES = 8;

  private static final Map<String, List<Problem>> VALIDATED = lru();
  private static final Map<String, LocalDefinitions> LOADED = lru();

  private static volatile String codeId;

  private ValidationCache() {}

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(MEMORY_ENTRIES, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MEMORY_ENTRIES;
      }
    };
  }

  /** The definitions a goal of this build loaded from {@code content}, or null. */
  static LocalDefinitions loaded(LocalFiles files, String content) {
    if (files.validated() == null) {
      return null;
    }
    synchronized (LOADED) {
      return LOADED.get(content);
    }
  }

  /** Keeps {@code defs} for the next goal of this build that loads the same content. */
  static LocalDefinitions keepLoaded(LocalFiles files, LocalDefinitions defs) {
    if (files.validated() != null) {
      synchronized (LOADED) {
        LOADED.put(defs.content(), defs);
      }
    }
    return defs;
  }

  /**
   * {@code defs} (read from files) validated by {@code validator}, or with the problems a
   * validation of the same content found before: in memory, or in {@code directory} (null: in
   * memory only).
   */
  static LocalDefinitions validate(
      LocalDefinitions defs, DefinitionValidator validator, Path directory) {
    String key = key(defs, validator);
    List<Problem> problems;
    synchronized (VALIDATED) {
      problems = VALIDATED.get(key);
    }
    Path file = directory == null ? null : directory.resolve(key + ".json");
    if (problems == null && file != null) {
      problems = read(file);
    }
    if (problems == null) {
      LocalDefinitions validated = validator.validate(defs);
      problems = validated.problems().subList(defs.problems().size(), validated.problems().size());
      if (file != null) {
        write(file, problems);
      }
    }
    synchronized (VALIDATED) {
      VALIDATED.put(key, problems);
    }
    return defs.withProblems(problems);
  }

  /** Forgets what is kept in memory (tests, and the benchmark's cold runs). */
  public static void clearMemory() {
    synchronized (VALIDATED) {
      VALIDATED.clear();
    }
    synchronized (LOADED) {
      LOADED.clear();
    }
  }

  static String key(LocalDefinitions defs, DefinitionValidator validator) {
    return ContentKey.of(
        List.of(
            FORMAT,
            codeId(),
            validator.options(),
            Objects.requireNonNull(defs.content(), "definitions not read from files")));
  }

  private static List<Problem> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode root = Json.read(Files.readAllBytes(file));
      List<Problem> problems = new ArrayList<>();
      for (JsonNode p : root.withArray("problems")) {
        problems.add(
            new Problem(
                Problem.Severity.valueOf(p.path("severity").asText()),
                p.hasNonNull("file") ? Path.of(p.get("file").asText()) : null,
                text(p, "definition"),
                text(p, "where"),
                p.path("message").asText()));
      }
      return problems;
    } catch (IOException | RuntimeException e) {
      return null; // damaged: validate again, and write it anew
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static void write(Path file, List<Problem> problems) {
    ObjectNode root = Json.NODES.objectNode();
    ArrayNode list = root.putArray("problems");
    for (Problem p : problems) {
      ObjectNode o = list.addObject();
      o.put("severity", p.severity().name());
      o.put("file", p.file() == null ? null : p.file().toString());
      o.put("definition", p.definition());
      o.put("where", p.where());
      o.put("message", p.message());
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "validated", ".tmp");
      Files.writeString(temp, Json.fileText(root), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // A cache that cannot be written costs the next build a validation, nothing else.
    }
  }

  /**
   * The plugin's own code, by content: a new build of the rules is a new key. From a jar, each
   * entry's name, size and CRC-32 as its central directory records them (no entry is read); from a
   * classes directory, every file's bytes.
   */
  static String codeId() {
    String id = codeId;
    if (id == null) {
      try {
        id =
            codeId(
                Path.of(
                    ValidationCache.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
      } catch (IOException | URISyntaxException | RuntimeException e) {
        id = "unknown-" + System.nanoTime(); // never equal to another run's: no reuse across runs
      }
      codeId = id;
    }
    return id;
  }

  static String codeId(Path source) throws IOException {
    ContentKey key = ContentKey.start();
    if (Files.isDirectory(source)) {
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
          key.add(source.relativize(f).toString()).add(Files.readAllBytes(f));
        }
      }
    } else {
      try (ZipFile jar = new ZipFile(source.toFile())) {
        jar.stream().forEach(e -> key.add(e.getName() + " " + e.getSize() + " " + e.getCrc()));
      }
    }
    return key.hex();
  }
}
