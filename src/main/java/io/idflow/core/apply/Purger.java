package io.idflow.core.apply;

import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.PlanItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes definitions (task definitions and event handlers for {@code purge-orphans}, workflow
 * versions for {@code prune-workflows}), each written to a backup first, and says what became of
 * each.
 */
public final class Purger {
  private static final DateTimeFormatter BACKUP_FOLDER =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * What happened to one deletion.
   *
   * @param name the definition: a task definition's name, {@code name vN} for a workflow version
   * @param purged whether the server deleted it
   * @param reason why it was not, or null
   * @param error the server's answer when it was not, or null
   */
  public record Result(String name, boolean purged, String reason, ConductorException error) {}

  /** The backup folder and one result per deletion, in order. */
  public record Purged(Path backup, List<Result> results) {

    public Purged {
      results = List.copyOf(results);
    }

    /** How many definitions the server deleted. */
    public long deleted() {
      return results.stream().filter(Result::purged).count();
    }

    /** The deletions that failed. */
    public List<Result> failures() {
      return results.stream().filter(r -> !r.purged()).toList();
    }

    /** Every failed delete was the server's doing (down, 5xx) rather than a rejection. */
    public boolean serverUnavailable() {
      return failures().stream().allMatch(r -> r.error() == null || r.error().isUnavailable());
    }

    /**
     * {@code Could not purge 2 of 3 orphaned tasks: a, b (all are backed up in ...)}: {@code verb}
     * and {@code what} name the goal's deletions.
     */
    public String failureMessage(String verb, String what) {
      return "Could not "
          + verb
          + " "
          + failures().size()
          + " of "
          + results.size()
          + " "
          + what
          + ": "
          + String.join(", ", failures().stream().map(Result::name).toList())
          + " (all are backed up in "
          + Texts.path(backup)
          + ")";
    }
  }

  private Purger() {}

  /**
   * Writes every deletion to a backup below {@code backupRoot}, then deletes them one by one. After
   * a failure that reached no Conductor (the server went away) the rest are not attempted.
   */
  public static Purged purge(
      ConductorClient client, List<PlanItem> deletions, Path backupRoot, Clock clock) {
    Path backup = backup(backupRoot, deletions, clock);
    List<Result> results = new ArrayList<>();
    ConductorException gone = null;
    for (PlanItem deletion : deletions) {
      if (gone != null) {
        results.add(
            new Result(
                deletion.id().toString(),
                false,
                "not attempted: " + WriteFailures.firstLine(gone),
                gone));
        continue;
      }
      String name = deletion.id().toString();
      try {
        delete(client, deletion.id());
        results.add(new Result(name, true, null, null));
      } catch (ConductorException e) {
        if (deletedAnyway(client, deletion.id(), e)) {
          results.add(new Result(name, true, null, null));
          continue;
        }
        gone = e.reachedNoConductor() ? e : null;
        results.add(
            new Result(
                name,
                false,
                e.reachedNoConductor()
                    ? WriteFailures.firstLine(e)
                    : "Conductor answered " + e.status() + ": " + WriteFailures.detail(e),
                e));
      }
    }
    return new Purged(backup, results);
  }

  /**
   * Whether a DELETE that failed left the definition gone all the same: a retry after a lost
   * answer, or another build's purge, meets Conductor's 500 for a missing definition. One GET
   * tells.
   */
  private static boolean deletedAnyway(
      ConductorClient client, DefinitionId id, ConductorException e) {
    if (!e.mayHaveReachedServer() || e.isRejection() && e.status() != 404) {
      return false;
    }
    try {
      return switch (id.kind()) {
        case TASK -> client.getTaskDef(id.name()).isEmpty();
        case WORKFLOW -> client.getWorkflowDef(id.name(), id.version()).isEmpty();
        case EVENT_HANDLER ->
            client.getEventHandlers().stream()
                .noneMatch(h -> h.path("name").asText().equals(id.name()));
        case SCHEDULE ->
            client.getSchedules().stream()
                .noneMatch(h -> h.path("name").asText().equals(id.name()));
      };
    } catch (ConductorException again) {
      return false;
    }
  }

  private static void delete(ConductorClient client, DefinitionId id) {
    switch (id.kind()) {
      case TASK -> client.deleteTaskDef(id.name());
      case WORKFLOW -> client.deleteWorkflowDef(id.name(), id.version());
      case EVENT_HANDLER -> client.deleteEventHandler(id.name());
      case SCHEDULE -> client.deleteSchedule(id.name());
    }
  }

  /**
   * Writes each deletion as fetched to {@code <root>/<time>/tasks/<name>.json}, {@code
   * events/<name>.json} or {@code workflows/<name>.v<version>.json}: a definitions directory that
   * {@code sync} restores.
   */
  private static Path backup(Path root, List<PlanItem> deletions, Clock clock) {
    String stamp = LocalDateTime.now(clock).format(BACKUP_FOLDER);
    Path folder = root.resolve(stamp);
    for (int n = 2; Files.exists(folder); n++) {
      folder = root.resolve(stamp + "-" + n);
    }
    Path written = folder;
    try {
      Files.createDirectories(folder);
      Set<String> taken = new HashSet<>();
      for (PlanItem deletion : deletions) {
        // The file name only has to be unique: the definition inside names it.
        DefinitionId id = deletion.id();
        written = folder.resolve(id.kind().folder());
        String base = id.kind().versioned() ? id.name() + ".v" + id.version() : id.name();
        DefinitionFiles.writeNew(DefinitionFiles.freeFile(written, base, taken), deletion.remote());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the backup of the "
              + (deletions.get(0).id().kind() == Kind.WORKFLOW
                  ? "workflow versions to prune"
                  : "definitions to purge")
              + " in "
              + written
              + " (nothing was deleted): "
              + e.getMessage(),
          e);
    }
    return folder;
  }
}
