package io.idflow.core.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.netflix.conductor.common.constraints.OwnerEmailMandatoryConstraint;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import io.idflow.core.Json;
import io.idflow.core.Pointers;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.WorkflowTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.validation.ConstraintViolation;
import javax.validation.ElementKind;
import javax.validation.Path;
import javax.validation.Validation;
import javax.validation.ValidationException;
import javax.validation.Validator;
import javax.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * conductor-common's own constraints, as the server applies them: a definition is read into {@link
 * WorkflowDef} or {@link TaskDef} the way the server reads it, then Bean Validation runs the
 * annotations on it. Its messages are the server's; this class adds where (a JSON pointer) and the
 * value found.
 */
final class ConductorConstraints {

  /**
   * Hibernate Validator announces its version at INFO through java.util.logging, which Maven leaves
   * on stderr: keep its loggers to warnings (held here, since JUL keeps loggers only weakly).
   */
  private static final Logger HV_LOG = quiet(Logger.getLogger("org.hibernate.validator"));

  /**
   * conductor-common's messages are plain text with {@code {value}}-style parameters at most:
   * interpolated without an expression language, so a value from a definition is never evaluated.
   */
  private static final ValidatorFactory FACTORY =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();

  /**
   * Lenient view for the typed POJOs: unknown fields and enum values are a newer server's business.
   */
  private static final ObjectMapper POJO_READER =
      Json.mapper().copy().enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

  private static final Pattern OUT_OF_RANGE =
      Pattern.compile("out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");

  private static final Pattern DUPLICATE_REF =
      Pattern.compile("^taskReferenceName: (.+) should be unique across tasks");

  /**
   * Jackson reads JSON nested up to 1000 levels, about 240 levels of tasks inside SWITCH cases; the
   * validator and Jackson's bean reader recurse per level and overflowed a default 1 MB thread
   * stack at that depth. Virtual memory: a thread only touches the stack it uses.
   */
  private static final long STACK_BYTES = 256L << 20;

  private final Validator validator = FACTORY.getValidator();

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  /**
   * Runs {@code work}, which checks definitions, with conductor-common's {@code ownerEmail} switch
   * set as a server with {@code conductor.app.ownerEmailMandatory=mandatory} has it, on a stack
   * deep enough for the deepest JSON.
   */
  static void run(boolean ownerEmailMandatory, Runnable work) {
    // conductor-common keeps this switch in a static field: hold the lock while it is ours.
    synchronized (OwnerEmailMandatoryConstraint.class) {
      OwnerEmailMandatoryConstraint.WorkflowTaskValidValidator.setOwnerEmailMandatory(
          ownerEmailMandatory);
      onLargeStack(work);
    }
  }

  private static void onLargeStack(Runnable work) {
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                work.run();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "idflow-validate",
            STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while validating the definitions", e);
    }
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
  }

  /**
   * Adds to {@code out} what conductor-common finds in {@code def}; returns whether the definition
   * could be read as the server reads it (when not, the other rules have nothing to check).
   */
  boolean check(LocalDefinition def, List<Finding> out) {
    Class<?> type = def.kind() == Kind.WORKFLOW ? WorkflowDef.class : TaskDef.class;
    Object pojo;
    try {
      pojo = POJO_READER.treeToValue(CommonGap.pojoView(def.json(), def.kind()), type);
    } catch (JsonMappingException e) {
      out.add(Finding.error(pointer(e.getPath()), wrongType(e, def.json())));
      return false;
    } catch (JsonProcessingException e) {
      out.add(Finding.error("", e.getOriginalMessage()));
      return false;
    }
    List<ConstraintViolation<Object>> violations;
    try {
      violations = new ArrayList<>(validator.validate(pojo));
    } catch (ValidationException e) {
      // A shape conductor-common's constraints do not expect: say where, rather than end the build
      // with a stack trace.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      out.add(
          Finding.error(
              "",
              "cannot be validated: conductor-common's checks failed on it ("
                  + cause
                  + "); look for null or misplaced values"));
      return false;
    }
    violations.removeIf(CommonGap::goneIn332);
    violations.sort(
        Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())
            .thenComparing(ConstraintViolation::getMessage));
    for (ConstraintViolation<Object> v : violations) {
      // conductor-common's messages name the bound, not the value ("retryCount: 0 must be >= 0"):
      // add it.
      Object value = v.getInvalidValue();
      String found =
          value instanceof Number || value instanceof CharSequence || value instanceof Boolean
              ? " (found " + value + ")"
              : "";
      String where = pointer(v.getPropertyPath());
      String message = v.getMessage() + found;
      if (where.isEmpty() && def.kind() == Kind.WORKFLOW) {
        // Workflow-wide rules name a reference, not where it is: find it, in nested tasks too.
        String[] located = locate(def.json(), v.getMessage());
        if (located != null) {
          where = located[0];
          message += located[1];
        }
      }
      out.add(Finding.error(where, message));
    }
    return true;
  }

  /**
   * The pointer of what a workflow-wide message is about, and text to add to the message; null when
   * not found.
   */
  private static String[] locate(JsonNode workflow, String message) {
    Matcher dup = DUPLICATE_REF.matcher(message);
    if (dup.find()) {
      List<String> at =
          WorkflowTasks.all(workflow).stream()
              .filter(t -> dup.group(1).equals(t.referenceName()))
              .map(WorkflowTasks.Located::pointer)
              .toList();
      return at.size() < 2
          ? null
          : new String[] {
            at.get(1) + "/taskReferenceName", " (used by " + String.join(" and ", at) + ")"
          };
    }
    return null;
  }

  /**
   * {@code must be an object, found an array} rather than Jackson's {@code Cannot deserialize value
   * of type `java.util.LinkedHashMap<...>` from Array value}: the user writes JSON, not Java.
   */
  private static String wrongType(JsonMappingException e, JsonNode json) {
    String expected =
        e instanceof MismatchedInputException m ? expectedJson(m.getTargetType()) : null;
    JsonNode found = json;
    for (JsonMappingException.Reference ref : e.getPath()) {
      found =
          ref.getFieldName() != null ? found.path(ref.getFieldName()) : found.path(ref.getIndex());
    }
    Matcher range = OUT_OF_RANGE.matcher(String.valueOf(e.getOriginalMessage()));
    if (found.isNumber() && range.find()) {
      return "must be a whole number from "
          + range.group(1)
          + " to "
          + range.group(2)
          + ", found "
          + found.asText();
    }
    if (expected == null || found.isMissingNode()) {
      return "wrong type: " + e.getOriginalMessage();
    }
    return "must be " + expected + ", found " + DefinitionLoader.describe(found);
  }

  private static String expectedJson(Class<?> type) {
    if (type == null || type == Object.class) {
      return null;
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class
        || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
      return "a string";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return null;
  }

  private static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      out.append('/')
          .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return out.toString();
  }

  /**
   * {@code tasks[2].decisionCases[a].<map value>[0].name} becomes {@code
   * /tasks/2/decisionCases/a/0/name}: the nodes Bean Validation adds for container elements name no
   * JSON field, only their index or key counts.
   */
  private static String pointer(Path propertyPath) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : propertyPath) {
      if (node.getIndex() != null) {
        out.append('/').append(node.getIndex());
      } else if (node.getKey() != null) {
        out.append('/').append(Pointers.escape(String.valueOf(node.getKey())));
      }
      if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
        out.append('/').append(Pointers.escape(node.getName()));
      }
    }
    return out.toString();
  }
}
