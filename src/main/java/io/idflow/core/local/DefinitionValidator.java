package io.idflow.core.local;

import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
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
import io.idflow.core.model.WorkflowTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.validation.ConstraintViolation;
import javax.validation.ElementKind;
import javax.validation.Path;
import javax.validation.ValidationException;
import javax.validation.Validator;
import javax.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import javax.validation.Validation;

/**
 * Offline validation with the server's own rules: conductor-common's constraints (the messages the
 * server would answer with), those of Conductor 3.32 that 3.15's common lacks or has changed
 * ({@link CommonGap}, {@link TaskTypeRules}, {@link InputExpressions}), plus reference checks across the
 * local definitions. Fields and enum values newer than conductor-common knows are not rejected for that alone.
 */
public final class DefinitionValidator {

  /**
   * Hibernate Validator announces its version at INFO through java.util.logging, which Maven leaves on
   * stderr: keep its loggers to warnings (held here, since JUL keeps loggers only weakly).
   */
  private static final java.util.logging.Logger HV_LOG = quiet(java.util.logging.Logger.getLogger("org.hibernate.validator"));

  /**
   * conductor-common's messages are plain text with {@code {value}}-style parameters at most: interpolated
   * without an expression language, so a value from a definition is never evaluated.
   */
  private static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

  private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** Lenient view for the typed POJOs: unknown fields and enum values are a newer server's business. */
  private static final ObjectMapper POJO_READER =
      Json.MAPPER.copy().enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

  private static final java.util.regex.Pattern OUT_OF_RANGE =
      java.util.regex.Pattern.compile("out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");

  private final boolean ownerEmailMandatory;
  private final boolean nameValidation;

  /** @param ownerEmailMandatory check {@code ownerEmail} as servers with {@code conductor.app.ownerEmailMandatory=true} do */
  public DefinitionValidator(boolean ownerEmailMandatory) {
    this(ownerEmailMandatory, false);
  }

  /**
   * @param ownerEmailMandatory check {@code ownerEmail} as servers with {@code conductor.app.ownerEmailMandatory=true} do
   * @param nameValidation check workflow names as servers with {@code conductor.app.workflow.name-validation.enabled=true} do
   */
  public DefinitionValidator(boolean ownerEmailMandatory, boolean nameValidation) {
    this.ownerEmailMandatory = ownerEmailMandatory;
    this.nameValidation = nameValidation;
  }

  /** Returns {@code defs} with every validation problem added. */
  public LocalDefinitions validate(LocalDefinitions defs) {
    return validate(defs, EnumSet.allOf(Kind.class));
  }

  /**
   * Returns {@code defs} with the problems of the definitions of {@code kinds} checked against the server's
   * rules, plus the checks across all definitions (references, sub-workflow cycles). Every goal checks every
   * kind; the benchmark's breakdown times the kinds apart.
   */
  public LocalDefinitions validate(LocalDefinitions defs, Set<Kind> kinds) {
    List<Problem> problems = new ArrayList<>();
    Validator validator = FACTORY.getValidator();
    // conductor-common keeps this switch in a static field: hold the lock while it is ours.
    synchronized (OwnerEmailMandatoryConstraint.class) {
      OwnerEmailMandatoryConstraint.WorkflowTaskValidValidator.setOwnerEmailMandatory(ownerEmailMandatory);
      onLargeStack(() -> {
        if (kinds.contains(Kind.WORKFLOW)) {
          for (LocalDefinition def : defs.workflows()) {
            // conductor-common's constraints dereference every task list entry: a null one would crash them.
            if (checkTaskLists(def, problems) && check(validator, def, WorkflowDef.class, problems)) {
              report(def, CommonGap.workflowFindings(def.json(), nameValidation), problems);
              report(def, TaskTypeRules.check(def.json(), defs.tasksByName()), problems);
              report(def, InputExpressions.check(def.json()), problems);
            }
          }
        }
        if (kinds.contains(Kind.TASK)) {
          for (LocalDefinition def : defs.tasks()) {
            if (check(validator, def, TaskDef.class, problems)) {
              report(def, CommonGap.taskFindings(def.json()), problems);
            }
          }
        }
      });
    }
    checkReferences(defs, problems);
    checkSubWorkflowCycles(defs, problems);
    return defs.withProblems(problems);
  }

  /**
   * Jackson reads JSON nested up to 1000 levels, about 240 levels of tasks inside SWITCH cases; the
   * validator and Jackson's bean reader recurse per level and overflowed a default 1 MB thread stack at that
   * depth. Virtual memory: a thread only touches the stack it uses.
   */
  private static final long VALIDATION_STACK_BYTES = 256L << 20;

  private static void onLargeStack(Runnable work) {
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        work.run();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "idflow-validate", VALIDATION_STACK_BYTES);
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

  private static String label(LocalDefinition def) {
    return def.kind().label() + " " + def.id();
  }

  private static String prefix(LocalDefinition def) {
    return def.index() < 0 ? "" : "/" + def.index();
  }

  private static void report(LocalDefinition def, List<Finding> findings, List<Problem> problems) {
    for (Finding f : findings) {
      String where = prefix(def) + f.where();
      problems.add(f.error() ? Problem.error(def.file(), label(def), where, f.message())
          : Problem.warning(def.file(), label(def), where, f.message()));
    }
  }

  /** Adds the problems conductor-common finds; returns whether the definition could be read as the server reads it. */
  private static <T> boolean check(Validator validator, LocalDefinition def, Class<T> type, List<Problem> problems) {
    T pojo;
    try {
      pojo = POJO_READER.treeToValue(CommonGap.pojoView(def.json(), def.kind()), type);
    } catch (JsonMappingException e) {
      problems.add(Problem.error(def.file(), label(def), prefix(def) + pointer(e.getPath()), wrongType(e, def.json())));
      return false;
    } catch (JsonProcessingException e) {
      problems.add(Problem.error(def.file(), label(def), prefix(def), e.getOriginalMessage()));
      return false;
    }
    List<ConstraintViolation<T>> violations;
    try {
      violations = new ArrayList<>(validator.validate(pojo));
    } catch (ValidationException e) {
      // A shape conductor-common's constraints do not expect: say where, rather than end the build with a stack trace.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      problems.add(Problem.error(def.file(), label(def), prefix(def).isEmpty() ? null : prefix(def),
          "cannot be validated: conductor-common's checks failed on it (" + cause + "); look for null or misplaced values"));
      return false;
    }
    violations.removeIf(CommonGap::goneIn332);
    violations.sort(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage));
    for (ConstraintViolation<T> v : violations) {
      // conductor-common's messages name the bound, not the value ("retryCount: 0 must be >= 0"): add it.
      Object value = v.getInvalidValue();
      String found = value instanceof Number || value instanceof CharSequence || value instanceof Boolean ? " (found " + value + ")" : "";
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
      problems.add(Problem.error(def.file(), label(def), prefix(def) + where, message));
    }
    return true;
  }

  private static final java.util.regex.Pattern DUPLICATE_REF =
      java.util.regex.Pattern.compile("^taskReferenceName: (.+) should be unique across tasks");

  /** The pointer of what a workflow-wide message is about, and text to add to the message; null when not found. */
  private static String[] locate(JsonNode workflow, String message) {
    List<WorkflowTasks.Located> tasks = WorkflowTasks.all(workflow);
    java.util.regex.Matcher dup = DUPLICATE_REF.matcher(message);
    if (dup.find()) {
      List<String> at = tasks.stream().filter(t -> dup.group(1).equals(t.referenceName())).map(WorkflowTasks.Located::pointer).toList();
      return at.size() < 2 ? null
          : new String[] {at.get(1) + "/taskReferenceName", " (used by " + String.join(" and ", at) + ")"};
    }
    return null;
  }

  /**
   * Every place that holds tasks ({@code tasks}, each {@code forkTasks} branch, each
   * {@code decisionCases} value, {@code defaultCase}, {@code loopOver}) must be an array of objects,
   * and a task's {@code type}, when given, a string. Returns whether the definition is fit for
   * conductor-common's checks.
   */
  private static boolean checkTaskLists(LocalDefinition def, List<Problem> problems) {
    int before = problems.size();
    checkTaskList(def, def.json().path("tasks"), "/tasks", problems);
    return problems.size() == before;
  }

  private static void checkTaskList(LocalDefinition def, JsonNode list, String pointer, List<Problem> problems) {
    if (list.isMissingNode()) {
      return;  // absent: conductor-common's defaults apply
    }
    if (!list.isArray()) {
      problems.add(Problem.error(def.file(), label(def), prefix(def) + pointer,
          "must be an array of tasks, found " + DefinitionLoader.describe(list) + (list.isNull() ? "; leave it out instead" : "")));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode task = list.get(i);
      String here = pointer + "/" + i;
      if (!task.isObject()) {
        problems.add(Problem.error(def.file(), label(def), prefix(def) + here,
            "must be a task (a JSON object), found " + DefinitionLoader.describe(task)));
        continue;
      }
      JsonNode type = task.get("type");
      if (type != null && !type.isTextual()) {
        problems.add(Problem.error(def.file(), label(def), prefix(def) + here + "/type",
            "'type' must be a string such as \"SIMPLE\", found " + DefinitionLoader.describe(type)));
      }
      checkTaskList(def, task.path("defaultCase"), here + "/defaultCase", problems);
      checkTaskList(def, task.path("loopOver"), here + "/loopOver", problems);
      JsonNode forks = task.path("forkTasks");
      if (forks.isArray()) {
        for (int f = 0; f < forks.size(); f++) {
          checkTaskList(def, forks.get(f), here + "/forkTasks/" + f, problems);
        }
      } else if (!forks.isMissingNode()) {
        problems.add(Problem.error(def.file(), label(def), prefix(def) + here + "/forkTasks",
            "must be an array of fork branches (arrays of tasks), found " + DefinitionLoader.describe(forks)));
      }
      JsonNode cases = task.path("decisionCases");
      if (cases.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          checkTaskList(def, e.getValue(), here + "/decisionCases/" + Pointers.escape(e.getKey()), problems);
        }
      } else if (!cases.isMissingNode()) {
        problems.add(Problem.error(def.file(), label(def), prefix(def) + here + "/decisionCases",
            "must be an object of case name to array of tasks, found " + DefinitionLoader.describe(cases)));
      }
    }
  }

  /**
   * {@code must be an object, found an array} rather than Jackson's {@code Cannot deserialize value
   * of type `java.util.LinkedHashMap<...>` from Array value}: the user writes JSON, not Java.
   */
  private static String wrongType(JsonMappingException e, JsonNode json) {
    String expected = e instanceof MismatchedInputException m ? expectedJson(m.getTargetType()) : null;
    JsonNode found = json;
    for (JsonMappingException.Reference ref : e.getPath()) {
      found = ref.getFieldName() != null ? found.path(ref.getFieldName()) : found.path(ref.getIndex());
    }
    java.util.regex.Matcher range = OUT_OF_RANGE.matcher(String.valueOf(e.getOriginalMessage()));
    if (found.isNumber() && range.find()) {
      return "must be a whole number from " + range.group(1) + " to " + range.group(2) + ", found " + found.asText();
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
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
        || type == Short.class || type == java.math.BigInteger.class) {
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
      out.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return out.toString();
  }

  /**
   * {@code tasks[2].decisionCases[a].<map value>[0].name} becomes {@code /tasks/2/decisionCases/a/0/name}: the
   * nodes Bean Validation adds for container elements name no JSON field, only their index or key counts.
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

  /** Sub-workflows and SIMPLE tasks that no local file defines: they may exist on the server. */
  private static void checkReferences(LocalDefinitions defs, List<Problem> problems) {
    Set<String> taskNames = defs.tasksByName().keySet();
    Map<String, Set<Integer>> workflowVersions = workflowVersions(defs);
    for (LocalDefinition wf : defs.workflows()) {
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        String at = prefix(wf) + t.pointer();
        if ("SUB_WORKFLOW".equals(t.type())) {
          String sub = t.task().path("subWorkflowParam").path("name").asText(null);
          Integer version = t.task().path("subWorkflowParam").path("version").isIntegralNumber()
              ? t.task().path("subWorkflowParam").path("version").intValue() : null;
          if (sub != null && !t.task().path("subWorkflowParam").has("workflowDefinition")) {
            Set<Integer> known = workflowVersions.getOrDefault(sub, Set.of());
            if (known.isEmpty() || (version != null && !known.contains(version))) {
              problems.add(Problem.warning(wf.file(), label(wf), at + "/subWorkflowParam",
                  "sub-workflow " + sub + (version == null ? "" : " v" + version) + " is not defined in local files"
                      + (known.isEmpty() ? "" : " (local versions: " + new TreeSet<>(known) + ")") + "; it must exist on the server"));
            }
          }
        } else if ("SIMPLE".equals(t.type()) && t.name() != null
            && !taskNames.contains(t.name()) && !t.task().has("taskDefinition")) {
          problems.add(Problem.warning(wf.file(), label(wf), at,
              "task '" + t.name() + "' (ref " + t.referenceName() + ") has no task definition in local files;"
                  + " without one on the server Conductor runs it with default retries and timeouts"));
        }
      }
    }
  }

  private static Map<String, Set<Integer>> workflowVersions(LocalDefinitions defs) {
    Map<String, Set<Integer>> versions = new HashMap<>();
    for (LocalDefinition wf : defs.workflows()) {
      versions.computeIfAbsent(wf.name(), k -> new HashSet<>()).add(wf.version());
    }
    return versions;
  }

  /** A workflow that starts itself through sub-workflows never ends: report each cycle once. */
  private static void checkSubWorkflowCycles(LocalDefinitions defs, List<Problem> problems) {
    Map<String, LocalDefinition> byId = new HashMap<>();
    Map<String, Integer> latest = new HashMap<>();
    for (LocalDefinition wf : defs.workflows()) {
      byId.put(wf.id(), wf);
      latest.merge(wf.name(), wf.version(), Math::max);
    }
    Map<String, List<String>> edges = new HashMap<>();
    Map<String, String> edgePointers = new HashMap<>();  // "a v1 -> b v1" to the task that makes the call
    for (LocalDefinition wf : defs.workflows()) {
      List<String> targets = new ArrayList<>();
      for (WorkflowTasks.Located t : WorkflowTasks.all(wf.json())) {
        if ("SUB_WORKFLOW".equals(t.type())) {
          String sub = t.task().path("subWorkflowParam").path("name").asText(null);
          if (sub == null || !latest.containsKey(sub)) {
            continue;
          }
          int version = t.task().path("subWorkflowParam").path("version").isIntegralNumber()
              ? t.task().path("subWorkflowParam").path("version").intValue() : latest.get(sub);
          targets.add(sub + " v" + version);
          edgePointers.putIfAbsent(wf.id() + " -> " + sub + " v" + version, prefix(wf) + t.pointer() + "/subWorkflowParam");
        }
      }
      edges.put(wf.id(), targets);
    }
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (LocalDefinition wf : defs.workflows()) {
      findCycle(wf.id(), edges, edgePointers, new ArrayList<>(), new HashSet<>(), done, reported, byId, problems);
    }
  }

  private static void findCycle(String node, Map<String, List<String>> edges, Map<String, String> edgePointers,
      List<String> path, Set<String> onPath,
      Set<String> done, Set<String> reported, Map<String, LocalDefinition> byId, List<Problem> problems) {
    if (onPath.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      String key = new TreeSet<>(cycle).toString();
      if (reported.add(key)) {
        LocalDefinition wf = byId.get(node);
        problems.add(Problem.error(wf.file(), label(wf), edgePointers.get(cycle.get(0) + " -> " + cycle.get(1)),
            "sub-workflows call each other in a cycle: " + String.join(" -> ", cycle) + "; a run would never end"));
      }
      return;
    }
    if (done.contains(node) || !byId.containsKey(node)) {
      return;
    }
    onPath.add(node);
    path.add(node);
    for (String next : edges.getOrDefault(node, List.of())) {
      findCycle(next, edges, edgePointers, path, onPath, done, reported, byId, problems);
    }
    path.remove(path.size() - 1);
    onPath.remove(node);
    done.add(node);
  }
}
