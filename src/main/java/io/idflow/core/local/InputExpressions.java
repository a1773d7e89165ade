package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Pointers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Conductor 3.32's check of the {@code ${...}} expressions in the inputs of a workflow's top-level
 * tasks (conductor-common's {@code ConstraintParamUtil}, reached through {@code
 * TaskReferenceNameUniqueConstraint}), with the server's messages. Each expression must be a path
 * JsonPath compiles ({@link JsonPathSyntax}); then, unless it names a system property or
 * environment variable, its first step must be {@code workflow} or the reference name of a task the
 * server finds in the workflow.
 *
 * <p>conductor-common 3.15, which the plugin runs, refused any path with a blank instead of asking
 * JsonPath: its verdicts on these expressions are replaced by these.
 */
final class InputExpressions {

  /**
   * Cuts before each {@code ${} not preceded by {@code $}, and after each {@code }}, as the server
   * does.
   */
  private static final Pattern PIECES = Pattern.compile("(?=(?<!\\$)\\$\\{)|(?<=\\})");

  /** System parameters the server accepts whether or not they are set. */
  private static final Set<String> SYSTEM_PARAMETERS =
      Set.of("CPEWF_TASK_ID", "NETFLIX_ENV", "NETFLIX_STACK");

  private InputExpressions() {}

  static List<Finding> check(JsonNode workflow) {
    List<Finding> out = new ArrayList<>();
    JsonNode tasks = workflow.path("tasks");
    Set<String> refs = new HashSet<>();
    tasks.forEach(t -> collectRefs(t, refs));
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode inputs = tasks.get(i).path("inputParameters");
      if (inputs.isObject()) {
        String taskName = tasks.get(i).path("name").asText(null);
        inputs(inputs, "/tasks/" + i + "/inputParameters", taskName, refs, out);
      }
    }
    return out;
  }

  /**
   * The reference names the server can look up: a task, and the tasks it holds by its type
   * (DECISION and SWITCH their cases, FORK_JOIN its branches, DO_WHILE its loop), at any depth.
   */
  private static void collectRefs(JsonNode task, Set<String> refs) {
    if (!task.isObject()) {
      return;
    }
    if (task.hasNonNull("taskReferenceName")) {
      refs.add(task.get("taskReferenceName").asText());
    }
    List<JsonNode> lists = new ArrayList<>();
    switch (task.path("type").asText("SIMPLE")) {
      case "DECISION", "SWITCH" -> {
        task.path("decisionCases").forEach(lists::add);
        lists.add(task.path("defaultCase"));
      }
      case "FORK_JOIN" -> task.path("forkTasks").forEach(lists::add);
      case "DO_WHILE" -> lists.add(task.path("loopOver"));
      default -> {
        // holds no tasks the server looks into
      }
    }
    for (JsonNode list : lists) {
      list.forEach(t -> collectRefs(t, refs));
    }
  }

  private static void inputs(
      JsonNode map, String at, String taskName, Set<String> refs, List<Finding> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      value(e.getKey(), e.getValue(), at + "/" + Pointers.escape(e.getKey()), taskName, refs, out);
    }
  }

  /** A value under input {@code key}: in a list, the key is the list's. */
  private static void value(
      String key, JsonNode value, String at, String taskName, Set<String> refs, List<Finding> out) {
    if (value.isTextual()) {
      text(key, value.textValue(), at, taskName, refs, out);
    } else if (value.isObject()) {
      inputs(value, at, taskName, refs, out);
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        value(key, value.get(i), at + "/" + i, taskName, refs, out);
      }
    }
  }

  private static void text(
      String key, String value, String at, String taskName, Set<String> refs, List<Finding> out) {
    for (String piece : PIECES.split(value)) {
      if (!piece.startsWith("${") || !piece.endsWith("}")) {
        continue;
      }
      String path = piece.substring(2, piece.length() - 1);
      String problem = JsonPathSyntax.problem(path);
      if (problem != null) {
        out.add(
            Finding.error(
                at,
                String.format("key: %s input parameter value: %s is not valid", key, path)
                    + " ("
                    + problem
                    + ")"));
      } else if (!isSystemValue(path)) {
        String[] steps = path.split("\\.");
        String first = steps.length == 0 ? "" : steps[0];
        if (!"workflow".equals(first) && !refs.contains(first)) {
          out.add(
              Finding.error(
                  at,
                  String.format(
                      "taskReferenceName: %s for given task: %s input value: %s of input parameter:"
                          + " %s is not defined in workflow definition.",
                      first, taskName, key, value)));
        }
      }
    }
  }

  /**
   * A system parameter, or a system property or environment variable: the server reads its own, the
   * plugin can only read those where it runs.
   */
  private static boolean isSystemValue(String path) {
    return SYSTEM_PARAMETERS.contains(path)
        || System.getProperty(path) != null
        || System.getenv(path) != null;
  }
}
