package io.idflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.ContentKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything read from a definitions directory: the definitions of each kind, sorted by identity,
 * how many files of each kind were read, and every problem found on the way.
 *
 * @param directory the definitions directory ({@code idflow/})
 * @param files how many files were read for each kind
 * @param definitions the definitions of each kind, sorted by name then version
 * @param problems errors and warnings, in file order
 * @param content a SHA-256 of everything they were made from (each file's path and bytes, the
 *     placeholder values, the default owner), which keys {@code ValidationCache}; null when they
 *     were not read from files. The JSON trees may be shared by the goals of a build: copy one
 *     before changing it.
 */
public record LocalDefinitions(
    Path directory,
    Map<Kind, Integer> files,
    Map<Kind, List<LocalDefinition>> definitions,
    List<Problem> problems,
    String content) {

  public LocalDefinitions {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    Map<Kind, List<LocalDefinition>> lists = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, files.getOrDefault(kind, 0));
      lists.put(kind, List.copyOf(definitions.getOrDefault(kind, List.of())));
    }
    files = Map.copyOf(counts);
    definitions = Map.copyOf(lists);
    problems = List.copyOf(problems);
  }

  /** Definitions not read from files (no {@link #content}). */
  public LocalDefinitions(
      Path directory,
      Map<Kind, Integer> files,
      Map<Kind, List<LocalDefinition>> definitions,
      List<Problem> problems) {
    this(directory, files, definitions, problems, null);
  }

  /** Workflow and task definitions only, as most tests and older callers build them. */
  public LocalDefinitions(
      Path directory,
      int workflowFiles,
      int taskFiles,
      List<LocalDefinition> workflows,
      List<LocalDefinition> tasks,
      List<Problem> problems) {
    this(
        directory,
        Map.of(Kind.WORKFLOW, workflowFiles, Kind.TASK, taskFiles),
        Map.of(Kind.WORKFLOW, workflows, Kind.TASK, tasks),
        problems);
  }

  public List<LocalDefinition> workflows() {
    return of(Kind.WORKFLOW);
  }

  public List<LocalDefinition> tasks() {
    return of(Kind.TASK);
  }

  public List<LocalDefinition> eventHandlers() {
    return of(Kind.EVENT_HANDLER);
  }

  /** The definitions that may start workflows: event handlers, then schedules. */
  public List<LocalDefinition> starters() {
    List<LocalDefinition> all = new ArrayList<>(eventHandlers());
    all.addAll(of(Kind.SCHEDULE));
    return all;
  }

  public int workflowFiles() {
    return files.get(Kind.WORKFLOW);
  }

  public int taskFiles() {
    return files.get(Kind.TASK);
  }

  /** How many files of {@code kind} were read. */
  public int files(Kind kind) {
    return files.get(kind);
  }

  /** Files of every kind. */
  public int allFiles() {
    return files.values().stream().mapToInt(Integer::intValue).sum();
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
    return definitions.get(kind);
  }

  /** The identities of {@code kind}, in order. */
  public List<DefinitionId> ids(Kind kind) {
    return of(kind).stream().map(LocalDefinition::id).toList();
  }

  /** The names of {@code kind}, sorted, for messages that list what is known. */
  public List<String> names(Kind kind) {
    return of(kind).stream().map(LocalDefinition::name).distinct().sorted().toList();
  }

  /** Task definitions by name. */
  public Map<String, LocalDefinition> tasksByName() {
    return tasks().stream()
        .collect(Collectors.toMap(LocalDefinition::name, d -> d, (a, b) -> a, TreeMap::new));
  }

  /** The same definitions with further problems added (validation runs after loading). */
  public LocalDefinitions withProblems(List<Problem> more) {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(more);
    return new LocalDefinitions(directory, files, definitions, all, content);
  }

  /**
   * Sets {@code ownerEmail} on every workflow and task definition that has none, on a copy: the
   * local files are never touched, the uploaded and compared trees carry it. Event handlers have no
   * owner in Conductor.
   */
  public LocalDefinitions withDefaultOwnerEmail(String ownerEmail) {
    if (ownerEmail == null || ownerEmail.isBlank()) {
      return this;
    }
    Map<Kind, List<LocalDefinition>> owned = new EnumMap<>(definitions);
    owned.put(Kind.WORKFLOW, withOwner(workflows(), ownerEmail));
    owned.put(Kind.TASK, withOwner(tasks(), ownerEmail));
    return new LocalDefinitions(
        directory,
        files,
        owned,
        problems,
        content == null ? null : ContentKey.of(List.of(content, "ownerEmail", ownerEmail)));
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
