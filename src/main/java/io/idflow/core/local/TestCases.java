package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Pointers;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import io.idflow.core.model.WorkflowTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Workflow test cases ({@code idflow/tests/**}{@code /*.json}): the body Conductor's test API
 * ({@code POST /api/workflow/test}) takes, plus a {@code test} name and what to {@code expect}.
 * Every case is checked offline against the local definitions before any is sent.
 */
public final class TestCases {

  /** The folder below the definitions directory that holds the cases. */
  public static final String FOLDER = "tests";

  /** What an expectation may say; anything else is a typo, and an error. */
  private static final Set<String> EXPECT_KEYS =
      Set.of("status", "output", "ran", "notRun", "taskStatus", "reason");

  private static final Set<String> WORKFLOW_STATUSES =
      Set.of("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED");

  private static final Set<String> TASK_STATUSES =
      Set.of(
          "IN_PROGRESS",
          "CANCELED",
          "FAILED",
          "FAILED_WITH_TERMINAL_ERROR",
          "COMPLETED",
          "COMPLETED_WITH_ERRORS",
          "SCHEDULED",
          "TIMED_OUT",
          "SKIPPED");

  /**
   * One case.
   *
   * @param test its name
   * @param file the file it is in, as shown
   * @param index its position in the file when the file holds an array, else -1
   * @param workflow the local definition it tests
   * @param body what is sent: the case without {@code test} and {@code expect}, with the local
   *     definition as {@code workflowDef} unless the case carries one
   * @param expect what must hold of the finished execution
   */
  public record TestCase(
      String test,
      Path file,
      int index,
      LocalDefinition workflow,
      ObjectNode body,
      ObjectNode expect) {

    /** {@code idflow/tests/order.json [1]}. */
    public String location() {
      return index < 0 ? file.toString() : file + " [" + index + "]";
    }
  }

  /**
   * The cases and every problem found in them.
   *
   * @param cases the cases without errors, in file order
   * @param problems every error and warning, with file and JSON path
   */
  public record Loaded(List<TestCase> cases, List<Problem> problems) {

    public List<Problem> errors() {
      return problems.stream().filter(Problem::isError).toList();
    }
  }

  private TestCases() {}

  /** Reads and checks every case below the directory's {@code tests/} against {@code defs}. */
  public static Loaded load(LocalFiles files, LocalDefinitions defs) {
    List<Problem> problems = new ArrayList<>();
    List<TestCase> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (DefinitionLoader.Read read :
        DefinitionLoader.objects(files, FOLDER, "test case", "test", problems)) {
      int before = problems.size();
      TestCase c = check(read, defs, problems);
      if (c != null && !names.add(c.test())) {
        problems.add(
            Problem.error(
                read.file(),
                "test '" + c.test() + "'",
                at(read, "/test"),
                "another case has this name: give each its own"));
      }
      if (c != null && problems.size() == before) {
        cases.add(c);
      }
    }
    return new Loaded(cases, problems);
  }

  private static TestCase check(
      DefinitionLoader.Read read, LocalDefinitions defs, List<Problem> problems) {
    ObjectNode json = read.json();
    String test = json.path("test").isTextual() ? json.path("test").asText().trim() : "";
    String label = test.isEmpty() ? null : "test '" + test + "'";
    if (test.isEmpty()) {
      problems.add(
          Problem.error(
              read.file(),
              null,
              at(read, "/test"),
              "a test case needs a \"test\" name (a non-empty string)"));
    }
    String name = json.path("name").asText("");
    if (!json.path("name").isTextual() || name.isBlank()) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/name"),
              "names no workflow: add \"name\" (and \"version\", else the newest local one)"));
      return null;
    }
    JsonNode versionNode = json.get("version");
    if (versionNode != null && !versionNode.canConvertToInt()) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/version"),
              "must be a whole number, found " + DefinitionLoader.describe(versionNode)));
      return null;
    }
    List<LocalDefinition> versions =
        defs.workflows().stream().filter(d -> d.name().equals(name)).toList();
    Optional<LocalDefinition> local =
        versionNode == null
            ? versions.stream().max(Comparator.comparingInt(LocalDefinition::version))
            : versions.stream().filter(d -> d.version() == versionNode.intValue()).findFirst();
    ObjectNode carried = json.get("workflowDef") instanceof ObjectNode w ? w : null;
    if (local.isEmpty() && carried == null) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/name"),
              "workflow "
                  + name
                  + (versionNode == null ? "" : " v" + versionNode.asText())
                  + " is not defined in local files"
                  + (versions.isEmpty()
                      ? ""
                      : " (local versions: "
                          + versions.stream()
                              .map(d -> String.valueOf(d.version()))
                              .collect(Collectors.joining(", "))
                          + ")")
                  + ": tests run against the local definitions"));
      return null;
    }
    JsonNode workflow = carried != null ? carried : local.get().json();
    Set<String> refs = new HashSet<>();
    WorkflowTasks.all(workflow).forEach(t -> refs.add(t.referenceName()));
    checkMocks(read, label, json.path("taskRefToMockOutput"), refs, problems);
    checkExpect(read, label, json.get("expect"), refs, problems);

    ObjectNode body = json.deepCopy();
    body.remove("test");
    body.remove("expect");
    if (carried == null) {
      body.put("version", local.get().version());
      body.set("workflowDef", local.get().json().deepCopy());
    }
    ObjectNode expect = json.get("expect") instanceof ObjectNode e ? e : json.objectNode();
    return new TestCase(test, read.file(), read.index(), local.orElse(null), body, expect);
  }

  private static void checkMocks(
      DefinitionLoader.Read read,
      String label,
      JsonNode mocks,
      Set<String> refs,
      List<Problem> problems) {
    if (mocks.isMissingNode()) {
      return;
    }
    if (!mocks.isObject()) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/taskRefToMockOutput"),
              "must be an object of task reference to a list of {status, output}, found "
                  + DefinitionLoader.describe(mocks)));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = mocks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String here = "/taskRefToMockOutput/" + Pointers.escape(e.getKey());
      if (!refs.contains(e.getKey())) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, here),
                "no task of the workflow has the reference '"
                    + e.getKey()
                    + "' (known: "
                    + String.join(", ", refs.stream().sorted().toList())
                    + ")"));
      }
      if (!e.getValue().isArray() || e.getValue().isEmpty()) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, here),
                "must be a list of {\"status\", \"output\"}, one per attempt"));
        continue;
      }
      for (int i = 0; i < e.getValue().size(); i++) {
        JsonNode status = e.getValue().get(i).path("status");
        if (!TASK_STATUSES.contains(status.asText())) {
          problems.add(
              Problem.error(
                  read.file(),
                  label,
                  at(read, here + "/" + i + "/status"),
                  "must be a task status ("
                      + String.join(", ", TASK_STATUSES.stream().sorted().toList())
                      + "), found "
                      + DefinitionLoader.describe(status)));
        }
      }
    }
  }

  private static void checkExpect(
      DefinitionLoader.Read read,
      String label,
      JsonNode expect,
      Set<String> refs,
      List<Problem> problems) {
    if (!(expect instanceof ObjectNode e)) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/expect"),
              "a test case needs \"expect\": an object with at least \"status\""));
      return;
    }
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!EXPECT_KEYS.contains(key)) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, "/expect/" + Pointers.escape(key)),
                "is no expectation: use "
                    + String.join(", ", EXPECT_KEYS.stream().sorted().toList())));
      }
    }
    if (e.has("status") && !WORKFLOW_STATUSES.contains(e.path("status").asText())) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/expect/status"),
              "must be a workflow status ("
                  + String.join(", ", WORKFLOW_STATUSES.stream().sorted().toList())
                  + "), found "
                  + DefinitionLoader.describe(e.get("status"))));
    }
    if (e.has("output")) {
      if (!e.get("output").isObject()) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, "/expect/output"),
                "must be an object of JSON pointer (\"/total\") to the value expected there"));
      } else {
        e.get("output")
            .fieldNames()
            .forEachRemaining(
                p -> {
                  if (!p.startsWith("/")) {
                    problems.add(
                        Problem.error(
                            read.file(),
                            label,
                            at(read, "/expect/output/" + Pointers.escape(p)),
                            "must be a JSON pointer into the workflow's output, starting with /:"
                                + " \"/"
                                + p
                                + "\""));
                  }
                });
      }
    }
    for (String list : List.of("ran", "notRun")) {
      JsonNode refList = e.get(list);
      if (refList == null) {
        continue;
      }
      if (!refList.isArray()) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, "/expect/" + list),
                "must be a list of task references"));
        continue;
      }
      for (int i = 0; i < refList.size(); i++) {
        unknownRef(
            read, label, "/expect/" + list + "/" + i, refList.get(i).asText(), refs, problems);
      }
    }
    JsonNode taskStatus = e.get("taskStatus");
    if (taskStatus != null) {
      if (!taskStatus.isObject()) {
        problems.add(
            Problem.error(
                read.file(),
                label,
                at(read, "/expect/taskStatus"),
                "must be an object of task reference to task status"));
      } else {
        taskStatus
            .fields()
            .forEachRemaining(
                t -> {
                  String here = "/expect/taskStatus/" + Pointers.escape(t.getKey());
                  unknownRef(read, label, here, t.getKey(), refs, problems);
                  if (!TASK_STATUSES.contains(t.getValue().asText())) {
                    problems.add(
                        Problem.error(
                            read.file(),
                            label,
                            at(read, here),
                            "must be a task status, found "
                                + DefinitionLoader.describe(t.getValue())));
                  }
                });
      }
    }
    if (e.has("reason") && !e.get("reason").isTextual()) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, "/expect/reason"),
              "must be text that the reason for failure contains"));
    }
  }

  private static void unknownRef(
      DefinitionLoader.Read read,
      String label,
      String where,
      String ref,
      Set<String> refs,
      List<Problem> problems) {
    if (!refs.contains(ref)) {
      problems.add(
          Problem.error(
              read.file(),
              label,
              at(read, where),
              "no task of the workflow has the reference '" + ref + "'"));
    }
  }

  private static String at(DefinitionLoader.Read read, String pointer) {
    return (read.index() < 0 ? "" : "/" + read.index()) + pointer;
  }
}
