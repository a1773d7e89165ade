package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.idflow.core.Json;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionLoaderTest {

  @TempDir Path root;
  private Path dir;

  @BeforeEach
  void setUp() {
    dir = root.resolve("idflow");
  }

  private void write(String relative, String content) throws IOException {
    write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  private void write(String relative, byte[] content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private LocalDefinitions load() {
    return DefinitionLoader.load(dir);
  }

  private List<String> problems() {
    return load().problems().stream().map(Problem::toString).toList();
  }

  private static String workflow(String name) {
    return "{\"name\":\"" + name + "\",\"tasks\":[]}";
  }

  // ---- malformed files

  @Test
  void reportsMissingCommaWithLineAndColumn() throws IOException {
    write("workflows/a.json", "{\n  \"name\": \"a\"\n  \"tasks\": []\n}\n");

    assertThat(load().problems())
        .extracting(Problem::severity, p -> p.file().toString(), Problem::where)
        .containsExactly(
            tuple(Problem.Severity.ERROR, "idflow/workflows/a.json", "line 3, column 3"));
    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json line 3, column 3: is not valid JSON: Unexpected character"
                + " ('\"' (code 34)): was expecting comma to separate Object entries");
  }

  @Test
  void reportsTrailingCommaWithLineAndColumn() throws IOException {
    write("workflows/a.json", "{\n  \"name\": \"a\",\n  \"tasks\": [],\n}\n");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json line 4, column 1: is not valid JSON: Unexpected character ('}'"
                + " (code 125)): was expecting double-quote to start field name (a comma before it"
                + " with nothing after?)");
  }

  @Test
  void reportsTrailingCommaInArrayWithAHint() throws IOException {
    write("tasks/a.json", "[\n  {\"name\": \"a\"},\n]\n");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json line 3, column 1: is not valid JSON: Unexpected character (']'"
                + " (code 93)): expected a valid value (JSON String, Number, Array, Object or token"
                + " 'null', 'true' or 'false') (a comma before it with nothing after?)");
  }

  @Test
  void reportsNestingBeyondJacksonsLimitWithItsPlaceInsteadOfOverflowingTheStack()
      throws IOException {
    write(
        "tasks/deep.json",
        "{\"name\": \"a\",\n \"inputTemplate\": " + "[".repeat(5000) + "]".repeat(5000) + "}");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/deep.json line 2, column 1019: is not valid JSON: arrays and objects are"
                + " nested more than 1000 levels deep");
  }

  @Test
  void reportsCommentsWithoutJacksonsAdvice() throws IOException {
    write("tasks/a.json", "{\"name\": \"a\", /* note */ \"retryCount\": 1}");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json line 1, column 15: is not valid JSON: '/' starts a comment, and"
                + " JSON has no comments: remove it (a 'description' field can hold a note)");
  }

  @Test
  void reportsNaNWithoutJacksonsAdvice() throws IOException {
    write("tasks/a.json", "{\"name\": \"a\",\n \"backoffScaleFactor\": NaN}");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json line 2, column 27: is not valid JSON: Non-standard token 'NaN':"
                + " JSON numbers have no NaN or Infinity; write a number, or leave the field out");
  }

  @Test
  void reportsPlusSignWithoutJacksonsAdvice() throws IOException {
    write("tasks/a.json", "{\"name\": \"a\", \"retryCount\": +2}");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json line 1, column 30: is not valid JSON: Unexpected character ('+'"
                + " (code 43)) in numeric value: JSON spec does not allow numbers to have plus"
                + " signs");
  }

  @Test
  void reportsSecondRootValueInPlainWords() throws IOException {
    write("tasks/a.json", "{\"name\": \"a\"}\n{\"name\": \"b\"}\n");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json line 2, column 1: is not valid JSON: there is more JSON after the"
                + " first value ends: a file holds one definition, or an array [ ... ] of them");
  }

  @Test
  void reportsUnclosedBraceWithItsStartWithoutQuotingTheFile() throws IOException {
    write(
        "workflows/a.json",
        "{\n  \"name\": \"a\",\n  \"description\": \""
            + "long text ".repeat(80)
            + "\",\n  \"tasks\": []\n");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json line 5, column 1: is not valid JSON: Unexpected end-of-input:"
                + " expected close marker for Object (start marker at line 1, column 1)");
  }

  @Test
  void reportsDuplicateKeyInOneObject() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\",\n \"name\": \"b\", \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json line 2, column 8: is not valid JSON: Duplicate field 'name'");
  }

  @Test
  void reportsEmptyFile() throws IOException {
    write("workflows/empty.json", "");
    write("tasks/empty.json", "");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/empty.json: is empty: it must hold a workflow definition",
            "idflow/tasks/empty.json: is empty: it must hold a task definition");
  }

  @Test
  void reportsWhitespaceOnlyFileAsEmpty() throws IOException {
    write("workflows/blank.json", "  \n\t\r\n  ");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/blank.json: is empty: it must hold a workflow definition");
  }

  @Test
  void reportsRootThatIsANumber() throws IOException {
    write("workflows/n.json", "42");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/n.json: must hold a workflow definition (a JSON object) or an array"
                + " of them, found 42");
  }

  @Test
  void reportsRootThatIsAString() throws IOException {
    write("tasks/s.json", "\"hello\"");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/s.json: must hold a task definition (a JSON object) or an array of them,"
                + " found the string \"hello\"");
  }

  @Test
  void reportsArrayElementsThatAreNotObjectsByIndex() throws IOException {
    write("workflows/many.json", "[" + workflow("ok") + ", 7, \"s\", null]");

    LocalDefinitions defs = load();

    assertThat(defs.problems().stream().map(Problem::toString))
        .containsExactly(
            "idflow/workflows/many.json at /1: must be a workflow definition (a JSON object), found"
                + " 7",
            "idflow/workflows/many.json at /2: must be a workflow definition (a JSON object), found"
                + " the string \"s\"",
            "idflow/workflows/many.json at /3: must be a workflow definition (a JSON object), found"
                + " null");
    assertThat(defs.workflows())
        .extracting(LocalDefinition::name, LocalDefinition::index)
        .containsExactly(tuple("ok", 0));
  }

  @Test
  void warnsAboutAnEmptyArray() throws IOException {
    write("tasks/none.json", "[]");

    LocalDefinitions defs = load();

    assertThat(defs.hasErrors()).isFalse();
    assertThat(defs.warnings())
        .extracting(Problem::toString)
        .containsExactly("idflow/tasks/none.json: holds an empty array: no definitions in it");
  }

  // ---- names

  @Test
  void reportsMissingName() throws IOException {
    write("workflows/a.json", "{\"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /name: the workflow definition has no 'name': add a"
                + " non-empty string 'name'");
  }

  @Test
  void reportsNameThatIsNotAString() throws IOException {
    write("tasks/a.json", "{\"name\": 5}");

    assertThat(problems())
        .containsExactly(
            "idflow/tasks/a.json at /name: the task definition's 'name' must be a non-empty string,"
                + " found 5");
  }

  @Test
  void reportsBlankName() throws IOException {
    write("workflows/a.json", "{\"name\": \"  \", \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /name: the workflow definition's 'name' must be a non-empty"
                + " string, found the string \"  \"");
  }

  @Test
  void rejectsNameWithSlash() throws IOException {
    write("tasks/a.json", "{\"name\": \"billing/charge\"}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tasks/a.json at /name (task 'billing/charge'): the name contains '/': Conductor"
                + " stores it but can never read or delete it by name; rename it");
    assertThat(defs.tasks()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsNamesThatAUrlResolvesAway(String name) throws IOException {
    write("tasks/a.json", "{\"name\": \"" + name + "\"}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tasks/a.json at /name (task '"
                + name
                + "'): the name '"
                + name
                + "' cannot be part of a URL: reading or deleting"
                + " it by name would reach another endpoint of Conductor; rename it");
    assertThat(defs.tasks()).isEmpty();
  }

  @Test
  void rejectsNamesWithControlCharacters() throws IOException {
    write(
        "workflows/a.json", "{\"name\": \"pay\\n[INFO] BUILD SUCCESS\\u001b[2J\", \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /name (workflow 'pay\\u000A[INFO] BUILD"
                + " SUCCESS\\u001B[2J'): the name holds a control character (pay\\u000A[INFO] BUILD"
                + " SUCCESS\\u001B[2J): it cannot be shown or typed as it is; rename it");
  }

  // ---- symbolic links

  @Test
  void followsAWorkflowsFolderThatIsASymbolicLink() throws IOException {
    Path shared = root.resolve("shared-definitions");
    Files.createDirectories(shared);
    Files.writeString(shared.resolve("a.json"), workflow("a"));
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("workflows"), shared);

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows()).extracting(LocalDefinition::name).containsExactly("a");
    assertThat(defs.workflows().get(0).file()).isEqualTo(Path.of("idflow/workflows/a.json"));
  }

  @Test
  void followsSymbolicLinksBelowTheFolder() throws IOException {
    Path elsewhere = root.resolve("team-b");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("b.json"), workflow("b"));
    write("workflows/a.json", workflow("a"));
    Files.createSymbolicLink(dir.resolve("workflows/team-b"), elsewhere);
    Path single =
        Files.writeString(
            Files.createDirectories(root.resolve("single")).resolve("c-target.json"),
            workflow("c"));
    Files.createSymbolicLink(dir.resolve("workflows/c.json"), single);

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows()).extracting(LocalDefinition::name).containsExactly("a", "b", "c");
  }

  @Test
  void aSymbolicLinkLoopIsAnErrorAndTheRestIsRead() throws IOException {
    write("workflows/team/a.json", workflow("a"));
    Files.createSymbolicLink(dir.resolve("workflows/team/up"), dir.resolve("workflows"));

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/team/up: is a symbolic link to "
                + dir.resolve("workflows")
                + ", a folder that holds it: a loop. Its definitions are read once, where they are;"
                + " remove the link");
    assertThat(defs.workflows()).extracting(LocalDefinition::name).containsExactly("a");
  }

  @Test
  void aSymbolicLinkToNothingIsAnError() throws IOException {
    write("tasks/a.json", "{\"name\": \"a\"}");
    Files.createSymbolicLink(dir.resolve("tasks/gone.json"), root.resolve("nowhere.json"));
    Files.createSymbolicLink(dir.resolve("workflows"), root.resolve("no-folder"));

    assertThat(problems())
        .containsExactly(
            "idflow/workflows: is a symbolic link to "
                + root.resolve("no-folder")
                + ", which is no folder: point it at the folder of"
                + " definitions, or remove it",
            "idflow/tasks/gone.json: is a symbolic link to "
                + root.resolve("nowhere.json")
                + ", which does not exist: fix the link, or remove it");
  }

  // ---- versions

  @Test
  void rejectsVersionGivenAsString() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": \"2\", \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /version (workflow 'a'): 'version' must be a whole number"
                + " >= 0, found the string \"2\"");
  }

  @Test
  void rejectsFractionalVersion() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": 1.5, \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /version (workflow 'a'): 'version' must be a whole number"
                + " >= 0, found 1.5");
  }

  @Test
  void rejectsVersionWithDecimalPointShowingItAsWritten() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": 2.0, \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /version (workflow 'a'): 'version' must be a whole number"
                + " >= 0, found 2.0");
  }

  @Test
  void rejectsNegativeVersion() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": -1, \"tasks\": []}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /version (workflow 'a'): 'version' must be a whole number"
                + " >= 0, found -1");
  }

  @Test
  void rejectsVersionTooLargeForAnInt() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": 2147483648, \"tasks\": []}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/a.json at /version (workflow 'a'): 'version' must be a whole number"
                + " >= 0, found 2147483648");
    assertThat(defs.workflows()).isEmpty();
  }

  @Test
  void acceptsLargestIntVersion() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"version\": 2147483647, \"tasks\": []}");

    assertThat(load().workflows())
        .extracting(LocalDefinition::version)
        .containsExactly(Integer.MAX_VALUE);
  }

  @Test
  void defaultsVersionToOneWhenAbsentOrNull() throws IOException {
    write("workflows/a.json", workflow("a"));
    write("workflows/b.json", "{\"name\": \"b\", \"version\": null, \"tasks\": []}");

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows()).extracting(d -> d.id().toString()).containsExactly("a v1", "b v1");
  }

  @Test
  void givesTaskDefinitionsVersionZero() throws IOException {
    write("tasks/t.json", "{\"name\": \"t\", \"version\": 5}");

    assertThat(load().tasks())
        .extracting(LocalDefinition::version, d -> d.id().toString())
        .containsExactly(tuple(0, "t"));
  }

  // ---- arrays and duplicates

  @Test
  void loadsFileHoldingAnArrayWithIndexesInMessages() throws IOException {
    write(
        "workflows/all.json",
        "["
            + workflow("one")
            + ", {\"name\": \"two\", \"version\": \"x\", \"tasks\": []}, "
            + "{\"tasks\": []}, {\"name\": \"four\", \"version\": 4, \"tasks\": []}]");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/all.json at /1/version (workflow 'two'): 'version' must be a whole"
                + " number >= 0, found the string \"x\"",
            "idflow/workflows/all.json at /2/name: the workflow definition has no 'name': add a"
                + " non-empty string 'name'");
    assertThat(defs.workflows())
        .extracting(d -> d.id().toString(), LocalDefinition::index, LocalDefinition::location)
        .containsExactly(
            tuple("four v4", 3, "idflow/workflows/all.json [3]"),
            tuple("one v1", 0, "idflow/workflows/all.json [0]"));
    assertThat(defs.workflowFiles()).isEqualTo(1);
  }

  @Test
  void reportsDuplicateWorkflowNameAndVersionInTwoFilesNamingBoth() throws IOException {
    write("workflows/a.json", "{\"name\": \"order\", \"version\": 2, \"tasks\": []}");
    write(
        "workflows/b.json",
        "{\"name\": \"order\", \"version\": 2, \"tasks\": [], \"description\": \"other\"}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/b.json (workflow order v2): defined twice: in idflow/workflows/a.json"
                + " and in idflow/workflows/b.json; keep one");
    assertThat(defs.workflows())
        .extracting(LocalDefinition::location)
        .containsExactly("idflow/workflows/a.json");
  }

  @Test
  void reportsDuplicateInsideOneArrayWithBothIndexes() throws IOException {
    write("workflows/a.json", "[" + workflow("x") + "," + workflow("x") + "]");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /1 (workflow x v1): defined twice: in"
                + " idflow/workflows/a.json [0] and in idflow/workflows/a.json [1]; keep one");
  }

  @Test
  void acceptsSameWorkflowNameWithDifferentVersions() throws IOException {
    write("workflows/v1.json", "{\"name\": \"order\", \"version\": 1, \"tasks\": []}");
    write("workflows/v2.json", "{\"name\": \"order\", \"version\": 2, \"tasks\": []}");

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows())
        .extracting(d -> d.id().toString())
        .containsExactly("order v1", "order v2");
  }

  @Test
  void reportsDuplicateTaskName() throws IOException {
    write("tasks/a.json", "{\"name\": \"charge\", \"retryCount\": 1}");
    write("tasks/sub/b.json", "{\"name\": \"charge\", \"retryCount\": 2}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tasks/sub/b.json (task charge): defined twice: in idflow/tasks/a.json and in"
                + " idflow/tasks/sub/b.json; keep one");
    assertThat(defs.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.json().get("retryCount").intValue()).isEqualTo(1));
  }

  @Test
  void allowsTaskAndWorkflowWithTheSameName() throws IOException {
    write("tasks/x.json", "{\"name\": \"x\"}");
    write("workflows/x.json", workflow("x"));

    assertThat(load().problems()).isEmpty();
  }

  // ---- encoding

  @Test
  void skipsAByteOrderMarkAsTheServerDoes() throws IOException {
    byte[] json = workflow("a").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);
    write("workflows/bom.json", withBom);

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows()).extracting(LocalDefinition::name).containsExactly("a");
  }

  @Test
  void reportsNonUtf8BytesWithLineAndColumn() throws IOException {
    write(
        "workflows/latin1.json",
        "{\n  \"name\": \"caf\u00e9\", \"tasks\": []}".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/latin1.json line 2, column 15: is not UTF-8: byte 0xE9 at offset 16;"
                + " save the file as UTF-8");
  }

  @Test
  void countsNonUtf8ColumnInCharactersAfterMultiByteText() throws IOException {
    byte[] valid =
        "{\"name\": \"\u00e9t\u00e9 \u2615\", \"description\": \"".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\", \"tasks\": []}".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[valid.length + 1 + tail.length];
    System.arraycopy(valid, 0, content, 0, valid.length);
    content[valid.length] = (byte) 0xFF;
    System.arraycopy(tail, 0, content, valid.length + 1, tail.length);
    write("workflows/mixed.json", content);

    // 34 characters precede the bad byte: 38 bytes, as two are 2-byte and one is a 3-byte
    // character.
    assertThat(problems())
        .containsExactly(
            "idflow/workflows/mixed.json line 1, column 35: is not UTF-8: byte 0xFF at offset 38;"
                + " save the file as UTF-8");
  }

  @Test
  void reportsTruncatedUtf8SequenceAtEndOfFile() throws IOException {
    byte[] json = workflow("a").getBytes(StandardCharsets.UTF_8);
    byte[] truncated = new byte[json.length + 2];
    System.arraycopy(json, 0, truncated, 0, json.length);
    truncated[json.length] = '\n';
    truncated[json.length + 1] = (byte) 0xC3;
    write("workflows/cut.json", truncated);

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/cut.json line 2, column 1: is not UTF-8: byte 0xC3 at offset "
                + (json.length + 1)
                + "; save the file as UTF-8");
  }

  @Test
  void readsNonAsciiNamesWrittenInUtf8() throws IOException {
    write("workflows/a.json", workflow("caf\u00e9 \u2615"));

    assertThat(load().workflows())
        .extracting(LocalDefinition::name)
        .containsExactly("caf\u00e9 \u2615");
  }

  // ---- wrong folder, wrong shape

  @Test
  void reportsWorkflowWithoutTasks() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"description\": \"no tasks\"}");

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/workflows/a.json at /tasks (workflow 'a'): a workflow definition needs a"
                + " 'tasks' array");
    assertThat(defs.workflows()).isEmpty();
  }

  @Test
  void reportsWorkflowWhoseTasksIsNotAnArray() throws IOException {
    write("workflows/a.json", "{\"name\": \"a\", \"tasks\": {}}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/a.json at /tasks (workflow 'a'): a workflow definition needs a"
                + " 'tasks' array, found an object");
  }

  @Test
  void reportsTaskDefinitionInWorkflowsFolder() throws IOException {
    write(
        "workflows/charge.json",
        "{\"name\": \"charge\", \"retryCount\": 3, \"responseTimeoutSeconds\": 60}");

    assertThat(problems())
        .containsExactly(
            "idflow/workflows/charge.json at /tasks (workflow 'charge'): a workflow definition"
                + " needs a 'tasks' array; this looks like a task definition: move it to tasks/");
  }

  @Test
  void reportsWorkflowInTasksFolder() throws IOException {
    write("tasks/order.json", workflow("order"));

    LocalDefinitions defs = load();

    assertThat(defs.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tasks/order.json at /tasks (task 'order'): this looks like a workflow"
                + " definition (it has 'tasks'): move it to workflows/");
    assertThat(defs.tasks()).isEmpty();
  }

  // ---- discovery and order

  @Test
  void findsFilesInNestedFoldersAndIgnoresOtherExtensions() throws IOException {
    write("workflows/a.json", workflow("a"));
    write("workflows/team/b.json", workflow("b"));
    write("workflows/team/deep/er/c.json", workflow("c"));
    write("workflows/notes.txt", "not json");
    write("workflows/d.json.bak", "not json");
    write("tasks/x/y/t.json", "{\"name\": \"t\"}");

    LocalDefinitions defs = load();

    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflows())
        .extracting(d -> d.file().toString())
        .containsExactly(
            "idflow/workflows/a.json",
            "idflow/workflows/team/b.json",
            "idflow/workflows/team/deep/er/c.json");
    assertThat(defs.tasks())
        .extracting(d -> d.file().toString())
        .containsExactly("idflow/tasks/x/y/t.json");
    assertThat(defs.workflowFiles()).isEqualTo(3);
    assertThat(defs.taskFiles()).isEqualTo(1);
  }

  @Test
  void readsFilesInSortedPathOrder() throws IOException {
    write("workflows/z.json", "");
    write("workflows/m/a.json", "");
    write("workflows/a.json", "");

    assertThat(load().problems())
        .extracting(p -> p.file().toString())
        .containsExactly(
            "idflow/workflows/a.json", "idflow/workflows/m/a.json", "idflow/workflows/z.json");
  }

  @Test
  void sortsDefinitionsByNameThenVersion() throws IOException {
    write(
        "workflows/a.json",
        "[{\"name\": \"zeta\", \"tasks\": []}, {\"name\": \"alpha\", \"version\": 10, \"tasks\":"
            + " []}]");
    write(
        "workflows/b.json",
        "[{\"name\": \"alpha\", \"version\": 9, \"tasks\": []}, {\"name\": \"mid\", \"tasks\":"
            + " []}]");

    assertThat(load().workflows())
        .extracting(d -> d.id().toString())
        .containsExactly("alpha v9", "alpha v10", "mid v1", "zeta v1");
  }

  @Test
  void loadsNothingWhenFoldersAreMissing() {
    LocalDefinitions defs = load();

    assertThat(defs.workflows()).isEmpty();
    assertThat(defs.tasks()).isEmpty();
    assertThat(defs.problems()).isEmpty();
    assertThat(defs.workflowFiles()).isZero();
  }

  @Test
  void collectsProblemsFromEveryFileInsteadOfStoppingAtTheFirst() throws IOException {
    write("workflows/1.json", "{");
    write("workflows/2.json", "");
    write("workflows/3.json", workflow("fine"));
    write("tasks/4.json", "[1]");

    LocalDefinitions defs = load();

    assertThat(defs.errors())
        .extracting(p -> p.file().toString())
        .containsExactly(
            "idflow/workflows/1.json", "idflow/workflows/2.json", "idflow/tasks/4.json");
    assertThat(defs.workflows()).extracting(LocalDefinition::name).containsExactly("fine");
  }

  // ---- content kept as written

  @Test
  void keepsUnknownFieldsInTheJsonTreeUntouched() throws IOException {
    String text =
        "{\"name\":\"a\",\"x-team\":{\"owner\":\"ops\",\"tags\":[\"b\",\"a\"]},\"tasks\":[{\"name\":\"t\","
            + "\"taskReferenceName\":\"t\",\"futureField\":true,\"inputParameters\":{\"n\":null,\"big\":12345678901234567890}}],"
            + "\"newServerFeature\":[1,2,3]}";
    write("workflows/a.json", text);

    LocalDefinition def = load().workflows().get(0);

    assertThat(def.json()).isEqualTo(Json.mapper().readTree(text));
    assertThat(Json.mapper().writeValueAsString(def.json())).isEqualTo(text);
  }

  @Test
  void keepsDecimalNumbersAsWritten() throws IOException {
    String text =
        "{\"name\":\"a\",\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\","
            + "\"inputParameters\":{\"threshold\":100.0,\"ratio\":1.50,\"zero\":0.0,\"exp\":1.0E+3}}]}";
    write("workflows/a.json", text);

    LocalDefinition def = load().workflows().get(0);

    assertThat(Json.mapper().writeValueAsString(def.json())).isEqualTo(text);
  }
}
