package io.idflow.core;

import io.idflow.core.local.Definitions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.Difference;
import io.idflow.core.diff.JsonDiff;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.Planner;
import io.idflow.core.purge.PurgePlan;
import io.idflow.core.purge.PurgePlanner;
import io.idflow.core.purge.PurgeReport;
import io.idflow.core.purge.PurgeScope;
import io.idflow.core.purge.TaskUsages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Task definitions: syncs the local ones to Conductor, compares them with the server's, and purges
 * the server's orphans. Every operation fetches the server's definitions once and plans locally.
 */
public final class TaskManager {
  private static final DateTimeFormatter BACKUP_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final ConductorClient client;
  private final Path directory;
  private final IdflowLog log;
  private final Clock clock;

  public TaskManager(ConductorClient client, Path directory, IdflowLog log) {
    this(client, directory, log, Clock.systemDefaultZone());
  }

  /** @param clock names the backup folders */
  public TaskManager(ConductorClient client, Path directory, IdflowLog log, Clock clock) {
    this.client = client;
    this.directory = directory;
    this.log = log;
    this.clock = clock;
  }

  /**
   * What to sync and how.
   *
   * @param tasks names to sync, all when empty
   * @param force write every selected task definition, changed or not
   * @param dryRun plan and report, write nothing
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record SyncOptions(Set<String> tasks, boolean force, boolean dryRun, String ownerEmail, boolean ownerEmailMandatory) {

    public static SyncOptions defaults() {
      return new SyncOptions(Set.of(), false, false, null, false);
    }
  }

  /**
   * What to purge and how.
   *
   * @param force skip the usage check (never the scope)
   * @param dryRun list what would be purged, delete nothing
   * @param includes name globs in scope whatever their owner
   * @param excludes name globs never in scope
   * @param maxDeletions more candidates than this fails the run before anything is deleted
   * @param backupRoot the folder below which each run's backups go, in a folder named by the time
   * @param ownerEmail the owner whose task definitions are in scope; null: the one all local task definitions share
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record PurgeOptions(
      boolean force, boolean dryRun, Set<String> includes, Set<String> excludes, int maxDeletions, Path backupRoot,
      String ownerEmail, boolean ownerEmailMandatory) {

    public PurgeOptions {
      includes = Set.copyOf(includes);
      excludes = Set.copyOf(excludes);
      if (maxDeletions < 0) {
        throw new IllegalArgumentException("idflow.purge.maxDeletions must be 0 or more, found " + maxDeletions);
      }
    }
  }

  /** The seed's API: creates the missing task definitions and updates the changed ones (all with {@code force}). */
  public List<UploadResult> syncTasks(boolean force) {
    SyncOptions d = SyncOptions.defaults();
    return sync(new SyncOptions(d.tasks(), force, false, null, false)).results();
  }

  /**
   * Plans and (unless a dry run) applies the sync: new task definitions in one bulk POST, changed
   * ones with one PUT each, which keeps their {@code createTime} where a POST would reset it.
   * Throws when nothing could be planned; a failed write is in the report.
   */
  public UploadReport sync(SyncOptions options) {
    LocalDefinitions defs = Definitions.loadValid(directory, options.ownerEmail(), options.ownerEmailMandatory(), log);
    List<LocalDefinition> selected = Definitions.select(defs, Kind.TASK, options.tasks());
    boolean single = options.tasks().size() == 1;
    if (single) {
      log.info("Syncing task '" + options.tasks().iterator().next() + "' with Conductor...");
    }
    Map<String, ObjectNode> remote = Planner.index(Kind.TASK, client.getTaskDefs());
    // Task definitions have no versions: any difference is an update, never drift.
    Plan plan = Planner.plan(selected, remote, options.force(), DriftPolicy.OVERWRITE);
    Map<PlanItem, String> writeFailures = new HashMap<>();
    ConductorException failure = options.dryRun() ? null : write(plan, writeFailures);
    List<UploadResult> results = new ArrayList<>();
    for (PlanItem item : plan.items()) {
      UploadResult.Status status;
      String reason = null;
      if (item.action() == Action.UNCHANGED) {
        status = UploadResult.Status.UP_TO_DATE;
      } else if (options.dryRun()) {
        status = UploadResult.Status.WOULD_UPLOAD;
        reason = item.action() == Action.CREATE ? "not in Conductor" : item.differences().isEmpty() ? "forced"
            : "changed: " + item.differences().stream().map(Difference::path).collect(Collectors.joining(", "));
      } else if (writeFailures.containsKey(item)) {
        status = UploadResult.Status.FAILED;
        reason = writeFailures.get(item);
      } else {
        status = item.action() == Action.CREATE ? UploadResult.Status.CREATED : UploadResult.Status.UPDATED;
      }
      results.add(new UploadResult(item.name(), 0, status, item.differences(), reason));
    }
    return new UploadReport("task", defs.taskFiles(), single, options.dryRun(), DriftPolicy.OVERWRITE, results, failure);
  }

  /** Writes the plan; returns the first failure (an unreachable server stops the rest), or null. */
  private ConductorException write(Plan plan, Map<PlanItem, String> failures) {
    ConductorException failure = null;
    List<PlanItem> creates = plan.with(Action.CREATE);
    if (!creates.isEmpty()) {
      try {
        client.createTaskDefs(creates.stream().map(i -> i.local().json()).toList());
      } catch (ConductorException e) {
        failure = e;
        for (int i = 0; i < creates.size(); i++) {
          failures.put(creates.get(i), WorkflowManager.reasonFor(e, i, creates.size()));
        }
      }
    }
    for (PlanItem update : plan.with(Action.UPDATE)) {
      if (failure != null && failure.isUnavailable()) {
        failures.put(update, "not uploaded: " + firstLine(failure));
        continue;
      }
      try {
        client.updateTaskDef(update.local().json());
      } catch (ConductorException e) {
        failure = failure == null || e.isUnavailable() ? e : failure;
        failures.put(update, e.isRejection() ? "rejected by Conductor (" + e.status() + "): " + detail(e) : WorkflowManager.notWritten(e));
      }
    }
    return failure;
  }

  /** Compares every local task definition with the server's: what only one side has, and what differs. */
  public TaskSyncStatus status(String ownerEmail) {
    LocalDefinitions defs = Definitions.loadReadable(directory, ownerEmail, log);
    Map<String, ObjectNode> remote = Planner.index(Kind.TASK, client.getTaskDefs());
    Map<String, LocalDefinition> local = defs.tasksByName();
    ServerModel model = ServerModel.conductorOss().learn(Kind.TASK, remote.values());
    List<String> onlyLocal = new ArrayList<>();
    Map<String, List<Difference>> both = new TreeMap<>();
    local.forEach((name, def) -> {
      ObjectNode theirs = remote.get(name);
      if (theirs == null) {
        onlyLocal.add(name);
      } else {
        both.put(name, JsonDiff.definitions(model, Kind.TASK, theirs, def.json()));
      }
    });
    List<String> onlyRemote = remote.keySet().stream().filter(n -> !local.containsKey(n)).sorted().toList();
    return new TaskSyncStatus(onlyLocal, onlyRemote, both);
  }

  /**
   * Deletes the remote task definitions that belong to this project (the scope), are not defined
   * locally and that no workflow uses, after writing each to a backup. A dry run, an empty plan
   * and the {@code maxDeletions} guard stop before anything is written or deleted.
   */
  public PurgeReport purge(PurgeOptions options) {
    // Validated, not merely read: a task file that fails to load must never make its task look orphaned.
    LocalDefinitions defs = Definitions.loadValid(directory, options.ownerEmail(), options.ownerEmailMandatory(), log);
    PurgeScope scope = PurgeScope.resolve(options.ownerEmail(), defs.tasks(), options.includes(), options.excludes());
    List<ObjectNode> remoteTasks = client.getTaskDefs();
    TaskUsages usages = options.force() ? null : TaskUsages.of(client.getWorkflowDefs(), defs.workflows());
    PurgePlan plan = PurgePlanner.plan(scope, local(defs), remoteTasks, usages);
    int count = plan.candidates().size();
    if (count == 0 || options.dryRun()) {
      return new PurgeReport(plan, options.dryRun(), options.maxDeletions(), null, List.of(), null);
    }
    if (plan.blockedByRunTimeChoices()) {
      IdflowException guard = new IdflowException(count + " task definition" + (count == 1 ? "" : "s")
          + " would be purged, but the usage check cannot see which tasks " + String.join(", ", plan.chosenAtRunTime().stream()
              .map(u -> u.workflow() + " v" + u.version()).distinct().toList())
          + " pick" + (plan.chosenAtRunTime().size() == 1 ? "s" : "") + " at run time; nothing was deleted. Keep the task"
          + " definitions those workflows may run with -Didflow.purge.excludes=<glob,...>, or delete regardless with -Didflow.force=true");
      return new PurgeReport(plan, false, options.maxDeletions(), null, List.of(), guard);
    }
    if (count > options.maxDeletions()) {
      IdflowException guard = new IdflowException(count + " task definitions would be purged, more than idflow.purge.maxDeletions="
          + options.maxDeletions() + "; nothing was deleted. Check the list above, then allow it with -Didflow.purge.maxDeletions="
          + count + ", or narrow the scope with -Didflow.purge.excludes=<glob,...>");
      return new PurgeReport(plan, false, options.maxDeletions(), null, List.of(), guard);
    }
    Path backup = backup(options.backupRoot(), plan.candidates());
    List<PurgeReport.Result> results = new ArrayList<>();
    ConductorException gone = null;
    for (PurgePlan.Candidate candidate : plan.candidates()) {
      if (gone != null) {
        results.add(new PurgeReport.Result(candidate.name(), false, "not attempted: " + firstLine(gone), gone));
        continue;
      }
      try {
        client.deleteTaskDef(candidate.name());
        results.add(new PurgeReport.Result(candidate.name(), true, null, null));
      } catch (ConductorException e) {
        if (deletedAnyway(candidate.name(), e)) {
          results.add(new PurgeReport.Result(candidate.name(), true, null, null));
          continue;
        }
        gone = e.status() == 0 ? e : null;
        results.add(new PurgeReport.Result(candidate.name(), false,
            e.status() == 0 ? firstLine(e) : "Conductor answered " + e.status() + ": " + detail(e), e));
      }
    }
    return new PurgeReport(plan, false, options.maxDeletions(), backup, results, null);
  }

  /**
   * Whether a DELETE that failed left the definition gone all the same: a retry after a lost answer,
   * or another build's purge, meets Conductor's 500 for a missing definition. One GET tells.
   */
  private boolean deletedAnyway(String name, ConductorException e) {
    if (!e.mayHaveReachedServer() || e.isRejection() && e.status() != 404) {
      return false;
    }
    try {
      return client.getTaskDef(name).isEmpty();
    } catch (ConductorException again) {
      return false;
    }
  }

  private static Set<String> local(LocalDefinitions defs) {
    return defs.tasksByName().keySet();
  }

  /**
   * Writes each candidate as fetched to {@code <root>/<time>/tasks/<name>.json}: a definitions
   * directory that {@code sync-tasks} restores.
   */
  private Path backup(Path root, List<PurgePlan.Candidate> candidates) {
    String stamp = LocalDateTime.now(clock).format(BACKUP_FOLDER);
    Path folder = root.resolve(stamp);
    for (int n = 2; Files.exists(folder); n++) {
      folder = root.resolve(stamp + "-" + n);
    }
    Path tasks = folder.resolve(Kind.TASK.folder());
    try {
      Files.createDirectories(tasks);
      Set<String> taken = new java.util.HashSet<>();
      for (PurgePlan.Candidate candidate : candidates) {
        // The file name only has to be unique: the definition inside names the task. Names that become the
        // same once sanitised (a_b and a|b), or that differ only in case (Foo and foo, one file on macOS and
        // Windows), get a number; CREATE_NEW makes sure no backup ever replaces another.
        String base = candidate.name().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        String file = base + ".json";
        for (int n = 2; !taken.add(file.toLowerCase(java.util.Locale.ROOT)); n++) {
          file = base + "-" + n + ".json";
        }
        Files.write(tasks.resolve(file), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(candidate.definition()),
            java.nio.file.StandardOpenOption.CREATE_NEW);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the backup of the task definitions to purge in " + tasks
          + " (nothing was deleted): " + e.getMessage(), e);
    }
    return folder;
  }

  private static String firstLine(ConductorException e) {
    return e.getMessage().lines().findFirst().orElse("");
  }

  private static String detail(ConductorException e) {
    return e.validationErrors().isEmpty() ? e.serverMessage()
        : e.validationErrors().stream().map(v -> v.message()).collect(Collectors.joining("; "));
  }
}
