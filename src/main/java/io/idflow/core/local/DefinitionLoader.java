package io.idflow.core.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.ContentKey;
import io.idflow.core.Json;
import io.idflow.core.Texts;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code workflows/**}{@code /*.json}, {@code tasks/**}{@code /*.json} and {@code
 * events/**}{@code /*.json} below a definitions directory (and ID Flow's {@code
 * event_handlers.json} beside workflows). Never stops at the first bad file: every problem is
 * collected with its file and place.
 */
public final class DefinitionLoader {
  /**
   * Jackson's nested location, e.g. an unclosed object's start marker, quotes up to 500 characters
   * of the file.
   */
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);

  private static final Pattern NESTING_DEPTH =
      Pattern.compile("nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+)");

  /** {@code : enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow} and the like. */
  private static final Pattern ADVICE =
      Pattern.compile(":? ?(?:enable|Feature) `?'?JsonReadFeature\\.\\w+`?'? to allow");

  /** The file in which ID Flow keeps the event handlers of a folder of workflows. */
  static final String ID_FLOW_EVENT_HANDLERS = "event_handlers.json";

  private DefinitionLoader() {}

  /** Loads every definition below {@code directory}; problems are in the result, not thrown. */
  public static LocalDefinitions load(Path directory) {
    return load(LocalFiles.of(directory));
  }

  /**
   * Loads every definition below the directory, its placeholders resolved; problems are in the
   * result, not thrown.
   */
  public static LocalDefinitions load(LocalFiles source) {
    Path directory = source.directory();
    Path base = directory.toAbsolutePath().normalize().getParent();
    List<Problem> problems = new ArrayList<>();
    source
        .placeholders()
        .warnings()
        .forEach(w -> problems.add(Problem.warning(null, null, null, w)));
    Map<Kind, List<Path>> filesOf = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      filesOf.put(
          kind, new ArrayList<>(jsonFiles(directory.resolve(kind.folder()), base, problems)));
    }
    // ID Flow keeps its event handlers beside its workflows, in event_handlers.json.
    List<Path> besideWorkflows =
        filesOf.get(Kind.WORKFLOW).stream()
            .filter(f -> f.getFileName().toString().equals(ID_FLOW_EVENT_HANDLERS))
            .toList();
    filesOf.get(Kind.WORKFLOW).removeAll(besideWorkflows);
    filesOf.get(Kind.EVENT_HANDLER).addAll(besideWorkflows);
    for (Path file : besideWorkflows) {
      problems.add(
          Problem.warning(
              shown(base, file),
              null,
              null,
              "read as event handlers, as ID Flow keeps them beside its workflows; move the file to"
                  + " "
                  + Kind.EVENT_HANDLER.folder()
                  + "/ to silence this line"));
    }
    // What the definitions are made of, read whole before parsing: the key of the content.
    ContentKey key = ContentKey.start().add(directory.toString());
    source.placeholders().identity().forEach(key::add);
    problems.forEach(p -> key.add(p.toString()));
    Map<Path, Object> contents = new HashMap<>();
    for (Kind kind : Kind.values()) {
      key.add(kind.name());
      for (Path file : filesOf.get(kind)) {
        Object content = read(file);
        contents.put(file, content);
        key.add(file.toString());
        if (content instanceof byte[] bytes) {
          key.add(bytes);
        } else {
          key.add(content.toString());
        }
      }
    }
    String content = key.hex();
    LocalDefinitions known = ValidationCache.loaded(source, content);
    if (known != null) {
      return known;
    }
    Map<Kind, List<LocalDefinition>> defs = new EnumMap<>(Kind.class);
    Map<Kind, Integer> fileCounts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      List<Path> files = filesOf.get(kind);
      fileCounts.put(kind, files.size());
      List<LocalDefinition> found = new ArrayList<>();
      for (Path file : files) {
        List<Read> read = new ArrayList<>();
        readObjects(
            contents.get(file),
            shown(base, file),
            kind.label() + " definition",
            "name",
            source.placeholders(),
            read,
            problems);
        read.forEach(r -> addDefinition(kind, r.json(), r.file(), r.index(), found, problems));
      }
      reportDuplicates(kind, found, problems);
      found.sort(
          Comparator.comparing(LocalDefinition::name).thenComparing(LocalDefinition::version));
      defs.put(kind, found);
    }
    return ValidationCache.keepLoaded(
        source, new LocalDefinitions(directory, fileCounts, defs, problems, content));
  }

  /**
   * The {@code .json} files below {@code folder}, in a stable order. Symbolic links are followed,
   * the folder itself included: a link that leads back up (a loop) or nowhere is an error, never a
   * silent gap.
   */
  private static List<Path> jsonFiles(Path folder, Path base, List<Problem> problems) {
    if (!Files.isDirectory(folder)) {
      if (Files.isSymbolicLink(folder)) {
        problems.add(
            Problem.error(
                shown(base, folder),
                null,
                null,
                "is a symbolic link to "
                    + target(folder)
                    + ", which is no folder: point it at the folder of definitions, or remove it"));
      }
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          folder,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (file.getFileName().toString().endsWith(".json")) {
                if (attrs.isRegularFile()) {
                  files.add(file);
                } else if (attrs.isSymbolicLink()) {
                  problems.add(
                      Problem.error(
                          shown(base, file),
                          null,
                          null,
                          "is a symbolic link to "
                              + target(file)
                              + ", which does not exist: fix the link, or remove it"));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                problems.add(
                    Problem.error(
                        shown(base, file),
                        null,
                        null,
                        "is a symbolic link to "
                            + target(file)
                            + ", a folder that holds it: a loop. Its definitions are read once,"
                            + " where they are; remove the link"));
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private static Path shown(Path base, Path file) {
    return base == null ? file : base.relativize(file.toAbsolutePath().normalize());
  }

  private static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "somewhere it cannot be read";
    }
  }

  /** A JSON object read from a file: the object, the file as shown, its index in an array or -1. */
  public record Read(ObjectNode json, Path file, int index) {}

  /**
   * Every JSON object of the {@code .json} files below {@code directory/folder} (a file holds one
   * object or an array of them), in file order, with every problem on the way; {@code what} names
   * such an object in messages ({@code test case}).
   */
  public static List<Read> objects(
      LocalFiles files, String folder, String what, String nameField, List<Problem> problems) {
    Path base = files.directory().toAbsolutePath().normalize().getParent();
    List<Read> out = new ArrayList<>();
    for (Path file : jsonFiles(files.directory().resolve(folder), base, problems)) {
      readObjects(
          read(file), shown(base, file), what, nameField, files.placeholders(), out, problems);
    }
    return out;
  }

  /** A file's bytes, or why they cannot be read. */
  private static Object read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return e;
    }
  }

  /**
   * Reads the objects of one file, each with its placeholders resolved; {@code what} and the
   * object's {@code nameField} name it in messages ({@code workflow definition 'order_flow'}).
   */
  private static void readObjects(
      Object content,
      Path shown,
      String what,
      String nameField,
      Placeholders placeholders,
      List<Read> found,
      List<Problem> problems) {
    if (!(content instanceof byte[] bytes)) {
      problems.add(Problem.error(shown, null, null, "cannot be read: " + content));
      return;
    }
    String text = decode(bytes, shown, problems);
    if (text == null) {
      return;
    }
    if (text.isBlank()) {
      problems.add(Problem.error(shown, null, null, "is empty: it must hold a " + what));
      return;
    }
    JsonNode root;
    JsonParser parser = null;
    try {
      parser = Json.parser(text);
      root = Json.read(parser);
    } catch (JsonProcessingException e) {
      // A limit (nesting depth) is reported without a location: the parser knows where it stopped.
      JsonLocation location =
          e.getLocation() != null
              ? e.getLocation()
              : parser == null ? null : parser.currentLocation();
      problems.add(
          Problem.error(
              shown,
              null,
              at(location),
              "is not valid JSON: " + plain(withoutSource(e.getOriginalMessage()))));
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String: cannot happen
    } finally {
      closeQuietly(parser);
    }
    if (root instanceof ObjectNode object) {
      found.add(resolved(object, shown, -1, what, nameField, placeholders, problems));
    } else if (root.isArray()) {
      if (root.isEmpty()) {
        problems.add(
            Problem.warning(shown, null, null, "holds an empty array: no definitions in it"));
      }
      for (int i = 0; i < root.size(); i++) {
        if (root.get(i) instanceof ObjectNode object) {
          found.add(resolved(object, shown, i, what, nameField, placeholders, problems));
        } else {
          problems.add(
              Problem.error(
                  shown,
                  null,
                  "/" + i,
                  "must be a " + what + " (a JSON object), found " + describe(root.get(i))));
        }
      }
    } else {
      problems.add(
          Problem.error(
              shown,
              null,
              null,
              "must hold a "
                  + what
                  + " (a JSON object) or an array of them, found "
                  + describe(root)));
    }
  }

  /** {@code object} with its placeholders resolved; one error per placeholder that cannot be. */
  private static Read resolved(
      ObjectNode object,
      Path shown,
      int index,
      String what,
      String nameField,
      Placeholders placeholders,
      List<Problem> problems) {
    List<Placeholders.Found> unresolved = new ArrayList<>();
    ObjectNode json =
        (ObjectNode) placeholders.resolve(object, index < 0 ? "" : "/" + index, unresolved);
    JsonNode name = json.get(nameField);
    String label =
        name != null && name.isTextual()
            ? Texts.printable(what.replace(" definition", "") + " '" + name.asText() + "'")
            : null;
    for (Placeholders.Found f : unresolved) {
      problems.add(Problem.error(shown, label, f.path(), f.message()));
    }
    return new Read(json, shown, index);
  }

  /**
   * Strict UTF-8: an invalid byte is an error that names where it is. A UTF-8 byte-order mark,
   * which Windows tools write, is skipped, as Conductor's own JSON reader skips it.
   */
  private static String decode(byte[] bytes, Path shown, List<Problem> problems) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8(bytes);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      // Columns count characters, as in JSON syntax errors: the bytes before the bad one are valid
      // UTF-8.
      int column =
          new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
      problems.add(
          Problem.error(
              shown,
              null,
              "line " + line + ", column " + column,
              String.format(
                  "is not UTF-8: byte 0x%02X at offset %d; save the file as UTF-8",
                  bytes[offset] & 0xFF, offset)));
      return null;
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }

  private static void addDefinition(
      Kind kind,
      ObjectNode json,
      Path shown,
      int index,
      List<LocalDefinition> found,
      List<Problem> problems) {
    String where = index < 0 ? "" : "/" + index;
    JsonNode nameNode = json.get("name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
      problems.add(
          Problem.error(
              shown,
              null,
              where + "/name",
              nameNode == null
                  ? "the "
                      + kind.label()
                      + " definition has no 'name': add a non-empty string 'name'"
                  : "the "
                      + kind.label()
                      + " definition's 'name' must be a non-empty string, found "
                      + describe(nameNode)));
      return;
    }
    String name = nameNode.asText();
    String label = kind.label() + " '" + name + "'";
    boolean valid = true;
    if (name.contains("/")) {
      problems.add(
          Problem.error(
              shown,
              label,
              where + "/name",
              "the name contains '/': Conductor stores it but can never read or delete it by name;"
                  + " rename it"));
      valid = false;
    } else if (name.equals(".") || name.equals("..")) {
      problems.add(
          Problem.error(
              shown,
              Texts.printable(label),
              where + "/name",
              "the name '"
                  + name
                  + "' cannot be part of a URL: reading or deleting it by name would reach another"
                  + " endpoint of Conductor; rename it"));
      valid = false;
    }
    if (!Texts.printable(name).equals(name)) {
      problems.add(
          Problem.error(
              shown,
              Texts.printable(label),
              where + "/name",
              "the name holds a control character ("
                  + Texts.printable(name)
                  + "): it cannot be shown or typed as it is; rename it"));
      valid = false;
    }
    int version = 0;
    if (kind == Kind.WORKFLOW) {
      JsonNode versionNode = json.get("version");
      if (versionNode == null || versionNode.isNull()) {
        version = 1;
      } else if (versionNode.isIntegralNumber()
          && versionNode.canConvertToInt()
          && versionNode.intValue() >= 0) {
        version = versionNode.intValue();
      } else {
        problems.add(
            Problem.error(
                shown,
                label,
                where + "/version",
                "'version' must be a whole number >= 0, found " + describe(versionNode)));
        valid = false;
      }
      if (!json.path("tasks").isArray()) {
        problems.add(
            Problem.error(
                shown,
                label,
                where + "/tasks",
                "a workflow definition needs a 'tasks' array"
                    + (json.has("tasks") ? ", found " + describe(json.get("tasks")) : "")
                    + (looksLikeTask(json)
                        ? "; this looks like a task definition: move it to "
                            + Kind.TASK.folder()
                            + "/"
                        : "")));
        valid = false;
      }
    } else if (json.path("tasks").isArray()) {
      problems.add(
          Problem.error(
              shown,
              label,
              where + "/tasks",
              "this looks like a workflow definition (it has 'tasks'): move it to "
                  + Kind.WORKFLOW.folder()
                  + "/"));
      valid = false;
    }
    if (valid) {
      found.add(new LocalDefinition(kind, name, version, json, shown, index));
    }
  }

  private static boolean looksLikeTask(ObjectNode json) {
    return json.has("retryCount") || json.has("responseTimeoutSeconds") || json.has("retryLogic");
  }

  private static void reportDuplicates(
      Kind kind, List<LocalDefinition> found, List<Problem> problems) {
    Map<DefinitionId, LocalDefinition> first = new HashMap<>();
    List<LocalDefinition> unique = new ArrayList<>();
    for (LocalDefinition def : found) {
      LocalDefinition earlier = first.putIfAbsent(def.id(), def);
      if (earlier == null) {
        unique.add(def);
      } else {
        problems.add(
            Problem.error(
                def.file(),
                kind.label() + " " + def.id(),
                def.index() < 0 ? null : "/" + def.index(),
                "defined twice: in "
                    + earlier.location()
                    + " and in "
                    + def.location()
                    + "; keep one"));
      }
    }
    found.clear();
    found.addAll(unique);
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // a String source: nothing to release
      }
    }
  }

  /**
   * Jackson's syntax messages, minus the advice to enable parser features: the user writes JSON for
   * Conductor, whose server parses it as strictly as this loader does.
   */
  static String plain(String message) {
    Matcher depth = NESTING_DEPTH.matcher(message);
    if (depth.find()) {
      return "arrays and objects are nested more than " + depth.group(1) + " levels deep";
    }
    if (message.startsWith("Trailing token")) {
      return "there is more JSON after the first value ends: a file holds one definition, or an"
          + " array [ ... ] of them";
    }
    if (message.contains("maybe a (non-standard) comment?")) {
      return "'/' starts a comment, and JSON has no comments: remove it (a 'description' field can"
          + " hold a note)";
    }
    if (message.startsWith("Unexpected character ('}'")
            && message.endsWith("was expecting double-quote to start field name")
        || message.startsWith("Unexpected character (']'")
            && message.contains("expected a valid value")) {
      return message + " (a comma before it with nothing after?)";
    }
    if (message.startsWith("Non-standard token")) {
      return ADVICE.matcher(message).replaceAll("")
          + ": JSON numbers have no NaN or Infinity; write a number, or leave the field out";
    }
    return ADVICE.matcher(message).replaceAll("");
  }

  static String withoutSource(String message) {
    return SOURCE_LOCATION.matcher(message).replaceAll("line $1, column $2");
  }

  static String at(JsonLocation location) {
    return location == null
        ? null
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string \"" + node.asText() + "\"";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      case BOOLEAN -> node.asText();
      case NUMBER -> node.asText();
      default -> node.getNodeType().toString().toLowerCase();
    };
  }
}
