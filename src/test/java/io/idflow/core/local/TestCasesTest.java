package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test cases are checked offline against the local definitions, every error with file and path. */
class TestCasesTest {
  @TempDir Path root;
  Path idflow;

  @BeforeEach
  void setUp() throws IOException {
    idflow = root.resolve("idflow");
    write(
        "workflows/order.json",
        "[{\"name\": \"order\", \"version\": 1, \"tasks\": [{\"name\": \"charge\","
            + " \"taskReferenceName\": \"charge_ref\", \"type\": \"SIMPLE\"}]}, {\"name\":"
            + " \"order\", \"version\": 2, \"tasks\": [{\"name\": \"charge\","
            + " \"taskReferenceName\": \"charge_ref\", \"type\": \"SIMPLE\"}, {\"name\": \"sum\","
            + " \"taskReferenceName\": \"sum_ref\", \"type\": \"INLINE\", \"inputParameters\":"
            + " {\"evaluatorType\": \"graaljs\", \"expression\": \"1\"}}]}]");
  }

  private void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private TestCases.Loaded load() {
    LocalDefinitions defs = DefinitionLoader.load(idflow);
    assertThat(defs.problems()).isEmpty();
    return TestCases.load(LocalFiles.of(idflow), defs);
  }

  @Test
  void aValidCaseIsSentWithTheNewestLocalDefinition() throws IOException {
    write(
        "tests/order.json",
        """
        {"test": "charges", "name": "order", "input": {"id": 1},
         "taskRefToMockOutput": {"charge_ref": [{"status": "COMPLETED", "output": {"total": 41}}]},
         "expect": {"status": "COMPLETED", "output": {"/total": 42}, "ran": ["charge_ref", "sum_ref"],
                    "taskStatus": {"charge_ref": "COMPLETED"}}}\
        """);

    TestCases.Loaded loaded = load();

    assertThat(loaded.problems()).isEmpty();
    TestCases.TestCase c = loaded.cases().get(0);
    assertThat(c.test()).isEqualTo("charges");
    assertThat(c.body().path("version").asInt()).isEqualTo(2);
    assertThat(c.body().path("workflowDef").path("tasks")).hasSize(2);
    assertThat(c.body().has("expect") || c.body().has("test")).isFalse();
    assertThat(c.body().path("input").path("id").asInt()).isEqualTo(1);
  }

  @Test
  void everyMistakeIsAnErrorWithFileAndPath() throws IOException {
    write(
        "tests/bad.json",
        """
        [{"test": "one", "name": "order", "version": 1,
          "taskRefToMockOutput": {"chrage_ref": [{"status": "DONE"}]},
          "expect": {"status": "FINISHED", "ouptut": {}, "ran": ["sum_ref"], "output": {"total": 1}}},
         {"test": "two", "name": "refund", "expect": {"status": "COMPLETED"}},
         {"name": "order", "expect": {"status": "COMPLETED"}},
         {"test": "four", "name": "order", "version": 9, "expect": {"status": "COMPLETED"}}]\
        """);

    TestCases.Loaded loaded = load();

    assertThat(loaded.cases()).isEmpty();
    assertThat(loaded.errors())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tests/bad.json at /0/taskRefToMockOutput/chrage_ref (test 'one'): no task of"
                + " the workflow has the reference 'chrage_ref' (known: charge_ref)",
            "idflow/tests/bad.json at /0/taskRefToMockOutput/chrage_ref/0/status (test 'one'): must"
                + " be a task status (CANCELED, COMPLETED, COMPLETED_WITH_ERRORS, FAILED,"
                + " FAILED_WITH_TERMINAL_ERROR, IN_PROGRESS, SCHEDULED, SKIPPED, TIMED_OUT), found"
                + " the string \"DONE\"",
            "idflow/tests/bad.json at /0/expect/ouptut (test 'one'): is no expectation: use notRun,"
                + " output, ran, reason, status, taskStatus",
            "idflow/tests/bad.json at /0/expect/status (test 'one'): must be a workflow status"
                + " (COMPLETED, FAILED, PAUSED, RUNNING, TERMINATED, TIMED_OUT), found the string"
                + " \"FINISHED\"",
            "idflow/tests/bad.json at /0/expect/output/total (test 'one'): must be a JSON pointer"
                + " into the workflow's output, starting with /: \"/total\"",
            "idflow/tests/bad.json at /0/expect/ran/0 (test 'one'): no task of the workflow has the"
                + " reference 'sum_ref'",
            "idflow/tests/bad.json at /1/name (test 'two'): workflow refund is not defined in local"
                + " files: tests run against the local definitions",
            "idflow/tests/bad.json at /2/test: a test case needs a \"test\" name (a non-empty"
                + " string)",
            "idflow/tests/bad.json at /3/name (test 'four'): workflow order v9 is not defined in"
                + " local files (local versions: 1, 2): tests run against the local definitions");
  }

  @Test
  void twoCasesWithOneNameAreAnError() throws IOException {
    write(
        "tests/a.json",
        "[{\"test\": \"same\", \"name\": \"order\", \"expect\": {\"status\": \"COMPLETED\"}},"
            + " {\"test\": \"same\", \"name\": \"order\", \"expect\": {\"status\": \"FAILED\"}}]");

    assertThat(load().errors())
        .extracting(Problem::toString)
        .containsExactly(
            "idflow/tests/a.json at /1/test (test 'same'): another case has this name: give each"
                + " its own");
  }

  @Test
  void noTestsFolderMeansNoCases() {
    assertThat(load().cases()).isEmpty();
    assertThat(load().problems()).isEmpty();
  }
}
