package io.idflow.core.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validation results kept by content, so that a build validates each state of the definitions once:
 * the goals of one build share them in memory, and a later build finds them under {@code
 * target/idflow/validated/}.
 *
 * <p>The key is a SHA-256 of everything validation reads: each definition as loaded (kind, file,
 * place in the file, and the JSON after placeholders and the default {@code ownerEmail}), the
 * validator's options, and the plugin's own code (the bytes of its jar or classes). A changed file,
 * value, option or plugin build is a new key, so a result can never be stale; a damaged or
 * unreadable entry is ignored and validation runs. Results with secret placeholder values are kept
 * in memory only: a validation message may quote a value, and nothing secret goes to disk.
 */
public final class ValidationCache {
  private static final String FORMAT = "idflow-validation-1";

  /** Entries kept in memory: a build rarely validates more than a few states. */
  private static final int MEMORY_ENTRIES = 16;

  private static final Map<String, List<Problem>> MEMORY =
      new LinkedHashMap<>(MEMORY_ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Problem>> eldest) {
          return size() > MEMORY_ENTRIES;
        }
      };

  private static volatile String codeId;

  private ValidationCache() {}

  /**
   * {@code defs} validated by {@code validator}, or with the problems a validation of the same
   * content found before: in memory, or in {@code directory} (null: in memory only).
   */
  public static LocalDefinitions validate(
      LocalDefinitions defs, DefinitionValidator validator, Path directory) {
    String key = key(defs, validator);
    List<Problem> problems;
    synchronized (MEMORY) {
      problems = MEMORY.get(key);
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
    synchronized (MEMORY) {
      MEMORY.put(key, problems);
    }
    return defs.withProblems(problems);
  }

  /** Forgets what is kept in memory (tests, and the benchmark's cold runs). */
  public static void clearMemory() {
    synchronized (MEMORY) {
      MEMORY.clear();
    }
  }

  static String key(LocalDefinitions defs, DefinitionValidator validator) {
    MessageDigest digest = sha256();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
        JsonGenerator gen = Json.MAPPER.createGenerator(out)) {
      gen.writeStartArray();
      gen.writeString(FORMAT);
      gen.writeString(codeId());
      gen.writeString(validator.options());
      gen.writeString(String.valueOf(defs.directory()));
      for (Kind kind : Kind.values()) {
        for (LocalDefinition def : defs.of(kind)) {
          gen.writeString(kind.name());
          gen.writeString(String.valueOf(def.file()));
          gen.writeNumber(def.index());
          gen.writeString(def.name());
          gen.writeNumber(def.version());
          Json.MAPPER.writeTree(gen, def.json());
        }
      }
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<Problem> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
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
    ObjectNode root = Json.MAPPER.createObjectNode();
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
   * The plugin's own code, by content: a new build of the rules is a new key. A SHA-256 of the jar
   * (or of every file below the classes directory) the validator was loaded from.
   */
  static String codeId() {
    String id = codeId;
    if (id == null) {
      MessageDigest digest = sha256();
      try {
        Path source =
            Path.of(
                ValidationCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        if (Files.isDirectory(source)) {
          try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
        } else {
          files = List.of(source);
        }
        for (Path f : files) {
          digest.update(source.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
          try (InputStream in = Files.newInputStream(f)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
          }
        }
        id = HexFormat.of().formatHex(digest.digest());
      } catch (IOException | URISyntaxException | RuntimeException e) {
        id = "unknown-" + System.nanoTime(); // never equal to another run's: no reuse across runs
      }
      codeId = id;
    }
    return id;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
