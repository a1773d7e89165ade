package io.idflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything read from a definitions directory: the workflow and task definitions, sorted by
 * identity, and every problem found on the way.
 *
 * @param directory the definitions directory ({@code idflow/})
 * @param workflowFiles how many workflow files were read
 * @param taskFiles how many task files were read
 * @param workflows workflow definitions, sorted by name then version
 * @param tasks task definitions, sorted by name
 * @param problems errors and warnings, in file order
 */
public record LocalDefinitions(
    Path directory,
    int workflowFiles,
    int taskFiles,
    List<LocalDefinition> workflows,
    List<LocalDefinition> tasks,
    List<Problem> problems) {

  public LocalDefinitions {
    workflows = List.copyOf(workflows);
    tasks = List.copyOf(tasks);
    problems = List.copyOf(problems);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public List<LocalDefinition> of(Kind kind) {
    return kind == Kind.WORKFLOW ? workflows : tasks;
  }

  /** The workflow and task names, sorted, for messages that list what is known. */
  public List<String> names(Kind kind) {
    return of(kind).stream().map(LocalDefinition::name).distinct().sorted().toList();
  }

  /** Task definitions by name. */
  public Map<String, LocalDefinition> tasksByName() {
    return tasks.stream()
        .collect(Collectors.toMap(LocalDefinition::name, d -> d, (a, b) -> a, TreeMap::new));
  }

  /** The same definitions with further problems added (validation runs after loading). */
  public LocalDefinitions withProblems(List<Problem> more) {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(more);
    return new LocalDefinitions(directory, workflowFiles, taskFiles, workflows, tasks, all);
  }

  /**
   * Sets {@code ownerEmail} on every definition that has none, on a copy: the local files are never
   * touched, the uploaded and compared trees carry it.
   */
  public LocalDefinitions withDefaultOwnerEmail(String ownerEmail) {
    if (ownerEmail == null || ownerEmail.isBlank()) {
      return this;
    }
    return new LocalDefinitions(
        directory,
        workflowFiles,
        taskFiles,
        withOwner(workflows, ownerEmail),
        withOwner(tasks, ownerEmail),
        problems);
  }

  private static List<LocalDefinition> withOwner(List<LocalDefinition> defs, String ownerEmail) {
    return defs.stream()
        .map(
            d -> {
              if (d.json().hasNonNull("ownerEmail")) {
                return d;
              }
              ObjectNode copy = d.json().deepCopy();
              copy.put("ownerEmail", ownerEmail);
              return d.withJson(copy);
            })
        .toList();
  }
}
