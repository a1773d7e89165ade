package io.idflow.core.local;

import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Offline validation with the server's own rules, in the order the server applies them: the shape
 * of the task lists ({@link TaskListShape}), conductor-common's constraints ({@link
 * ConductorConstraints}), then the rules of Conductor 3.32 that 3.15's common lacks or has changed
 * ({@link CommonGap}, {@link TaskTypeRules}, {@link InputExpressions}), and last the checks across
 * the local definitions ({@link References}). Event handlers: {@link EventHandlerRules}; schedules:
 * {@link ScheduleRules}. Fields and enum values newer than conductor-common knows are not rejected
 * for that alone.
 */
public final class DefinitionValidator {
  private final boolean ownerEmailMandatory;
  private final boolean nameValidation;

  /**
   * @param ownerEmailMandatory check {@code ownerEmail} as servers with {@code
   *     conductor.app.ownerEmailMandatory=true} do
   */
  public DefinitionValidator(boolean ownerEmailMandatory) {
    this(ownerEmailMandatory, false);
  }

  /**
   * @param ownerEmailMandatory check {@code ownerEmail} as servers with {@code
   *     conductor.app.ownerEmailMandatory=true} do
   * @param nameValidation check workflow names as servers with {@code
   *     conductor.app.workflow.name-validation.enabled=true} do
   */
  public DefinitionValidator(boolean ownerEmailMandatory, boolean nameValidation) {
    this.ownerEmailMandatory = ownerEmailMandatory;
    this.nameValidation = nameValidation;
  }

  /** The options, as text: part of what {@link ValidationCache} keys a result by. */
  String options() {
    return "ownerEmailMandatory=" + ownerEmailMandatory + ",nameValidation=" + nameValidation;
  }

  /** Returns {@code defs} with every validation problem added. */
  public LocalDefinitions validate(LocalDefinitions defs) {
    return validate(defs, EnumSet.allOf(Kind.class));
  }

  /**
   * Returns {@code defs} with the problems of the definitions of {@code kinds} checked against the
   * server's rules, plus the checks across all definitions (references, sub-workflow cycles). Every
   * goal checks every kind; the benchmark's breakdown times the kinds apart.
   */
  public LocalDefinitions validate(LocalDefinitions defs, Set<Kind> kinds) {
    List<Problem> problems = new ArrayList<>();
    ConductorConstraints.run(
        ownerEmailMandatory,
        () -> {
          ConductorConstraints common = new ConductorConstraints();
          if (kinds.contains(Kind.WORKFLOW)) {
            for (LocalDefinition def : defs.workflows()) {
              List<Finding> findings = new ArrayList<>(TaskListShape.check(def.json()));
              // The server's rules read only what conductor-common could read: the first failure
              // stops the rest.
              if (findings.isEmpty() && common.check(def, findings)) {
                findings.addAll(CommonGap.workflowFindings(def.json(), nameValidation));
                findings.addAll(TaskTypeRules.check(def.json(), defs.tasksByName()));
                findings.addAll(InputExpressions.check(def.json()));
              }
              findings.forEach(f -> problems.add(problem(def, f)));
            }
          }
          if (kinds.contains(Kind.EVENT_HANDLER)) {
            for (LocalDefinition def : defs.eventHandlers()) {
              EventHandlerRules.check(def.json()).forEach(f -> problems.add(problem(def, f)));
            }
          }
          if (kinds.contains(Kind.SCHEDULE)) {
            for (LocalDefinition def : defs.of(Kind.SCHEDULE)) {
              ScheduleRules.check(def.json()).forEach(f -> problems.add(problem(def, f)));
            }
          }
          if (kinds.contains(Kind.TASK)) {
            for (LocalDefinition def : defs.tasks()) {
              List<Finding> findings = new ArrayList<>();
              if (common.check(def, findings)) {
                findings.addAll(CommonGap.taskFindings(def.json()));
              }
              findings.forEach(f -> problems.add(problem(def, f)));
            }
          }
        });
    References.check(defs, (def, f) -> problems.add(problem(def, f)));
    return defs.withProblems(problems);
  }

  /**
   * The problem a finding is, with the file, the definition's identity and its place in a file
   * holding several.
   */
  private static Problem problem(LocalDefinition def, Finding f) {
    String where = (def.index() < 0 ? "" : "/" + def.index()) + f.where();
    String label = def.kind().label() + " " + def.id();
    return f.error()
        ? Problem.error(def.file(), label, where, f.message())
        : Problem.warning(def.file(), label, where, f.message());
  }
}
