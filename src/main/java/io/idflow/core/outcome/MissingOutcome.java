package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link io.idflow.core.goal.CheckMissing} found: every needed workflow and task definition
 * with its status, and how many of each kind were checked.
 *
 * @param workflows needed workflows, sorted by name then version (any version first)
 * @param tasks needed and local task definitions, sorted by name
 * @param localWorkflows how many local workflow definitions were checked
 * @param requiredWorkflows how many entries {@code idflow.requiredWorkflows} had
 * @param subWorkflowRefs how many sub-workflow references the local workflows make, at any depth
 * @param simpleTasks how many SIMPLE tasks the local workflows have, at any depth
 * @param localTasks how many local task definitions were checked
 * @param failOnMissing whether something missing fails the run
 * @param failOnDrift whether a local definition the server holds with other content fails the run
 * @param values the secrets and environment values the local workflows read, each checked
 * @param unchecked why some of them could not be checked (a server without the endpoint)
 */
public record MissingOutcome(
    List<Need> workflows,
    List<Need> tasks,
    int localWorkflows,
    int requiredWorkflows,
    int subWorkflowRefs,
    int simpleTasks,
    int localTasks,
    boolean failOnMissing,
    boolean failOnDrift,
    List<ValueNeed> values,
    List<String> unchecked)
    implements Outcome {

  public static final String DEFAULT_TASK_NOTE =
      "Conductor accepts workflows whose SIMPLE tasks have no task definition and then runs those"
          + " tasks with default retries and timeouts (retryCount 3, responseTimeoutSeconds 3600),"
          + " silently";

  public MissingOutcome {
    workflows = List.copyOf(workflows);
    tasks = List.copyOf(tasks);
    values = List.copyOf(values);
    unchecked = List.copyOf(unchecked);
  }

  public List<ValueNeed> missingValues() {
    return values.stream().filter(ValueNeed::missing).toList();
  }

  public List<Need> missingWorkflows() {
    return with(workflows, Need.Status.MISSING);
  }

  public List<Need> missingTasks() {
    return with(tasks, Need.Status.MISSING);
  }

  /**
   * Local workflows and task definitions the server holds at the same version with other content.
   */
  public List<Need> drifted() {
    List<Need> out = new ArrayList<>(with(workflows, Need.Status.DRIFTED));
    out.addAll(with(tasks, Need.Status.DRIFTED));
    return out;
  }

  public boolean anyMissing() {
    return !missingWorkflows().isEmpty() || !missingTasks().isEmpty() || !missingValues().isEmpty();
  }

  private static List<Need> with(List<Need> needs, Need.Status status) {
    return needs.stream().filter(n -> n.status() == status).toList();
  }

  /**
   * The missing definitions in the seed's words, each with who needs it; empty when nothing is
   * missing.
   */
  public List<String> missingLines() {
    List<String> lines = new ArrayList<>();
    List<Need> wfs = missingWorkflows();
    if (!wfs.isEmpty()) {
      lines.add(
          "Missing workflows: " + wfs.stream().map(Need::id).collect(Collectors.joining(", ")));
      for (Need n : wfs) {
        lines.add(
            "  "
                + n.id()
                + ": "
                + String.join("; ", n.neededBy())
                + (n.inLocalFiles()
                    ? ""
                    : "; not in local files: deploy it from the project that defines it"));
      }
      if (wfs.stream().anyMatch(Need::inLocalFiles)) {
        lines.add("Run 'mvn idflow:upload-workflows' to upload missing workflows");
      }
    }
    List<Need> tasks = missingTasks();
    if (!tasks.isEmpty()) {
      lines.add(
          "Missing task definitions: "
              + tasks.stream().map(Need::id).collect(Collectors.joining(", ")));
      for (Need n : tasks) {
        lines.add(
            "  "
                + n.id()
                + ": "
                + String.join("; ", n.neededBy())
                + (n.inLocalFiles()
                    ? ""
                    : "; not in local files: add idflow/tasks/"
                        + n.name()
                        + ".json, or an inline taskDefinition"));
      }
      lines.add(DEFAULT_TASK_NOTE);
      if (tasks.stream().anyMatch(Need::inLocalFiles)) {
        lines.add("Run 'mvn idflow:sync-tasks' to upload missing task definitions");
      }
    }
    List<ValueNeed> values = missingValues();
    if (!values.isEmpty()) {
      lines.add(
          "Missing secrets and environment values: "
              + values.stream().map(ValueNeed::label).collect(Collectors.joining(", ")));
      for (ValueNeed v : values) {
        lines.add("  " + v.label() + ": used by " + String.join("; ", v.usedBy()));
      }
      lines.add(
          "Conductor drops a value it lacks at run time, with a line in its log only. Add them to"
              + " the server: conductor-oss reads CONDUCTOR_SECRET_<NAME> and CONDUCTOR_ENV_<NAME>"
              + " from its environment");
    }
    return lines;
  }

  /** Each drifted definition with its file and differing paths, remote value first. */
  public List<String> driftLines(boolean failOnDrift) {
    List<Need> drifted = drifted();
    if (drifted.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "Drift: "
            + describeCount(drifted)
            + " from Conductor at the same version (failOnDrift="
            + failOnDrift
            + "); remote -> local:");
    for (Need n : drifted) {
      lines.add("  " + n.kind().label() + " " + n.id() + " (" + n.local().location() + ")");
      n.differences().forEach(d -> lines.add("    " + d));
    }
    lines.add(
        "Bump the workflow version, or replace the server's copy with 'mvn idflow:upload-workflows"
            + " -Didflow.onDrift=overwrite' (workflows) or 'mvn idflow:sync-tasks' (task"
            + " definitions)");
    return lines;
  }

  private static String describeCount(List<Need> drifted) {
    long w = drifted.stream().filter(n -> n.kind() == Kind.WORKFLOW).count();
    long t = drifted.size() - w;
    String text =
        (w > 0 ? plural(w, "workflow") : "")
            + (w > 0 && t > 0 ? " and " : "")
            + (t > 0 ? plural(t, "task definition") : "");
    return text + (drifted.size() == 1 ? " differs" : " differ");
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("localWorkflows", localWorkflows);
    facts.put("subWorkflowReferences", subWorkflowRefs);
    facts.put("simpleTasks", simpleTasks);
    facts.put("localTaskDefinitions", localTasks);
    return facts;
  }

  /** The one line that says what was checked. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    parts.add(plural(localWorkflows, "local workflow"));
    parts.add(plural(requiredWorkflows, "required workflow"));
    parts.add(plural(subWorkflowRefs, "sub-workflow reference"));
    parts.add(plural(simpleTasks, "SIMPLE task"));
    parts.add(plural(localTasks, "local task definition"));
    if (!values.isEmpty()) {
      parts.add(plural(values.size(), "secret or environment value"));
    }
    String checked =
        "checked "
            + String.join(", ", parts.subList(0, parts.size() - 1))
            + " and "
            + parts.get(parts.size() - 1);
    long missing = missingWorkflows().size() + missingTasks().size() + missingValues().size();
    String drift =
        drifted().isEmpty()
            ? ""
            : "; " + describeCount(drifted()) + " from Conductor at the same version";
    if (missing == 0) {
      return "Nothing missing in Conductor: " + checked + drift;
    }
    return plural(missing, "definition")
        + " missing in Conductor ("
        + plural(missingWorkflows().size(), "workflow")
        + ", "
        + plural(missingTasks().size(), "task definition")
        + (missingValues().isEmpty()
            ? ""
            : ", " + plural(missingValues().size(), "secret or environment value"))
        + "): "
        + checked
        + drift;
  }

  /**
   * Prints the findings. What fails the build is left to {@link #failure}, which Maven prints once
   * at the end; what does not is printed here as warnings. The summary line comes last.
   */
  @Override
  public void render(IdflowLog log) {
    unchecked.forEach(log::info);
    if (!failOnMissing) {
      missingLines().forEach(log::warn);
    }
    if (!failOnDrift) {
      driftLines(false).forEach(log::warn);
    }
    for (Need n : tasks) {
      if (n.status() == Need.Status.UNUSED) {
        log.info(
            "Task definition "
                + n.name()
                + " is not in Conductor (no local workflow uses it; 'mvn idflow:sync-tasks' uploads"
                + " it)");
      }
    }
    for (Need n : needs()) {
      log.debug(
          n.kind().label()
              + " "
              + n.id()
              + ": "
              + n.status()
              + " ("
              + String.join("; ", n.neededBy())
              + ")");
    }
    if ((anyMissing() && !failOnMissing) || (!drifted().isEmpty() && !failOnDrift)) {
      log.info("");
    }
    if (anyMissing() && failOnMissing) {
      log.error(summary());
    } else if (anyMissing() || !drifted().isEmpty()) {
      log.warn(summary());
    } else {
      log.info(summary());
    }
  }

  /** Why the build must fail under its policies, everything at once; empty when it must not. */
  @Override
  public Optional<Failure> failure() {
    List<String> lines = new ArrayList<>();
    if (failOnMissing) {
      lines.addAll(missingLines());
    }
    if (failOnDrift) {
      lines.addAll(driftLines(true));
    }
    return lines.isEmpty()
        ? Optional.empty()
        : Optional.of(Failure.user(String.join(System.lineSeparator(), lines), null));
  }

  /**
   * One report entry per needed definition. Outcomes: {@code present}, {@code missing} (always a
   * failed test), {@code drifted} (failed under {@code failOnDrift}), {@code unused} (a local task
   * definition the server lacks and no local workflow uses).
   */
  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> out =
        new ArrayList<>(needs().stream().map(n -> entry(n, failOnDrift)).toList());
    values.forEach(v -> out.add(v.entry(v.missing())));
    return out;
  }

  /** Every need, workflows first. */
  private List<Need> needs() {
    List<Need> all = new ArrayList<>(workflows);
    all.addAll(tasks);
    return all;
  }

  private static RunReport.Entry entry(Need n, boolean failOnDrift) {
    List<String> detail = new ArrayList<>(n.neededBy());
    if (n.status() == Need.Status.MISSING && n.kind() == Kind.TASK) {
      detail.add("without a task definition Conductor runs it with default retries and timeouts");
    }
    n.differences().forEach(d -> detail.add(d.toString()));
    boolean failed =
        n.status() == Need.Status.MISSING || (n.status() == Need.Status.DRIFTED && failOnDrift);
    return new RunReport.Entry(
        n.kind().label(),
        n.name(),
        n.version(),
        n.status().name().toLowerCase(Locale.ROOT),
        String.join("\n", detail),
        failed);
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
