package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.common.constraints.NoSemiColonConstraint;
import com.netflix.conductor.common.constraints.TaskReferenceNameUniqueConstraint;
import com.netflix.conductor.common.metadata.workflow.SubWorkflowParams;
import io.idflow.core.model.Kind;
import io.idflow.core.model.WorkflowTasks;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.validation.ConstraintViolation;
import javax.validation.constraints.Email;
import javax.validation.constraints.NotEmpty;
import javax.validation.constraints.NotNull;

/**
 * Where conductor-common 3.15, which the plugin runs, and the 3.32 the server runs disagree. 3.15
 * checks what 3.32 no longer does: {@code ownerEmail} is an email address, a workflow name holds no
 * {@code :}, a sub-workflow names its workflow; those violations are dropped. 3.15 cannot read a
 * sub-workflow's {@code workflowDefinition} given as an expression; it is kept from it. And 3.32
 * checks task definition fields that 3.15 does not know, and, when the server is so configured, the
 * characters of a workflow name.
 */
final class CommonGap {

  /**
   * The characters a workflow name may have when the server sets {@code
   * conductor.app.workflow.name-validation.enabled}.
   */
  private static final String VALID_NAME = "^[A-Za-z0-9_<>{}#\\s-]+$";

  private static final Set<Class<? extends Annotation>> GONE =
      Set.of(Email.class, NoSemiColonConstraint.class);

  private CommonGap() {}

  /** Whether 3.32 no longer raises {@code v}. */
  static boolean goneIn332(ConstraintViolation<?> v) {
    Class<? extends Annotation> type = v.getConstraintDescriptor().getAnnotation().annotationType();
    if (GONE.contains(type)) {
      return true;
    }
    if ((type == NotNull.class || type == NotEmpty.class)
        && v.getLeafBean() instanceof SubWorkflowParams) {
      return true; // 3.32 requires a subWorkflowParam, not a name in it
    }
    // The input expressions: checked by InputExpressions as 3.32 does; the duplicate references
    // stay.
    return type == TaskReferenceNameUniqueConstraint.class
        && !v.getMessage().contains(" should be unique across tasks");
  }

  /**
   * {@code json} as 3.15's classes can read it: without the {@code workflowDefinition} strings,
   * which 3.32 takes as expressions ({@link #workflowFindings} judges them). {@code json} itself
   * when there is none.
   */
  static JsonNode pojoView(JsonNode json, Kind kind) {
    if (kind != Kind.WORKFLOW || subWorkflowStrings(json).isEmpty()) {
      return json;
    }
    JsonNode copy = json.deepCopy();
    for (WorkflowTasks.Located t : subWorkflowStrings(copy)) {
      ((ObjectNode) t.task().get("subWorkflowParam")).remove("workflowDefinition");
    }
    return copy;
  }

  private static List<WorkflowTasks.Located> subWorkflowStrings(JsonNode workflow) {
    return WorkflowTasks.all(workflow).stream()
        .filter(t -> t.task().path("subWorkflowParam").path("workflowDefinition").isTextual())
        .toList();
  }

  static List<Finding> workflowFindings(JsonNode workflow, boolean nameValidation) {
    List<Finding> out = new ArrayList<>();
    String name = workflow.path("name").asText(null);
    if (nameValidation && name != null && !name.matches(VALID_NAME)) {
      out.add(
          Finding.error(
              "/name",
              "Invalid name '"
                  + name
                  + "'. Allowed characters are alphanumeric, underscores, spaces,"
                  + " hyphens, and special characters like <, >, {, }, #"));
    }
    for (WorkflowTasks.Located t : subWorkflowStrings(workflow)) {
      String definition = t.task().path("subWorkflowParam").path("workflowDefinition").textValue();
      if (!definition.startsWith("${") || !definition.endsWith("}")) {
        out.add(
            Finding.error(
                t.pointer() + "/subWorkflowParam/workflowDefinition",
                "workflowDefinition is a string, but not a"
                    + " valid DSL string (found \""
                    + definition
                    + "\"; a string must be an expression such as"
                    + " \"${workflow.input.definition}\")"));
      }
    }
    return out;
  }

  /** 3.32's rules on the task definition fields 3.15 does not know. */
  static List<Finding> taskFindings(JsonNode task) {
    List<Finding> out = new ArrayList<>();
    for (String field : List.of("maxRetryDelaySeconds", "backoffJitterMs", "totalTimeoutSeconds")) {
      JsonNode value = task.path(field);
      if (value.isContainerNode()) {
        out.add(
            Finding.error(
                "/" + field, "must be a whole number, found " + DefinitionLoader.describe(value)));
      } else if (value.isIntegralNumber()
          && !field.equals("totalTimeoutSeconds")
          && !value.canConvertToInt()) {
        out.add(
            Finding.error(
                "/" + field,
                "must be a whole number from "
                    + Integer.MIN_VALUE
                    + " to "
                    + Integer.MAX_VALUE
                    + ", found "
                    + value));
      } else if (value.isIntegralNumber() && value.asLong() < 0) {
        out.add(
            Finding.error(
                "/" + field, "TaskDef " + field + ": 0 must be >= 0 (found " + value + ")"));
      }
    }
    long timeout = task.path("timeoutSeconds").asLong(0);
    long total = task.path("totalTimeoutSeconds").asLong(0);
    if (timeout > 0 && total > 0 && timeout > total) {
      out.add(
          Finding.error(
              "",
              String.format(
                  "TaskDef: %s timeoutSeconds: %d must be less than or equal to"
                      + " totalTimeoutSeconds: %d",
                  task.path("name").asText(null), timeout, total)));
    }
    return out;
  }
}
