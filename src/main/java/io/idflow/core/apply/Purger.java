package io.idflow.core.apply;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
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

/** Deletes task definitions, each written to a backup first, and says what became of each. */
public final class Purger {
  private static final DateTimeFormatter BACKUP_FOLDER =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * What happened to one deletion.
   *
   * @param name the task definition's name
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
                deletion.name(), false, "not attempted: " + WriteFailures.firstLine(gone), gone));
        continue;
      }
      try {
        client.deleteTaskDef(deletion.name());
        results.add(new Result(deletion.name(), true, null, null));
      } catch (ConductorException e) {
        if (deletedAnyway(client, deletion.name(), e)) {
          results.add(new Result(deletion.name(), true, null, null));
          continue;
        }
        gone = e.reachedNoConductor() ? e : null;
        results.add(
            new Result(
                deletion.name(),
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
  private static boolean deletedAnyway(ConductorClient client, String name, ConductorException e) {
    if (!e.mayHaveReachedServer() || e.isRejection() && e.status() != 404) {
      return false;
    }
    try {
      return client.getTaskDef(name).isEmpty();
    } catch (ConductorException again) {
      return false;
    }
  }

  /**
   * Writes each deletion as fetched to {@code <root>/<time>/tasks/<name>.json}: a definitions
   * directory that {@code sync-tasks} restores.
   */
  private static Path backup(Path root, List<PlanItem> deletions, Clock clock) {
    String stamp = LocalDateTime.now(clock).format(BACKUP_FOLDER);
    Path folder = root.resolve(stamp);
    for (int n = 2; Files.exists(folder); n++) {
      folder = root.resolve(stamp + "-" + n);
    }
    Path tasks = folder.resolve(Kind.TASK.folder());
    try {
      Files.createDirectories(tasks);
      Set<String> taken = new HashSet<>();
      for (PlanItem deletion : deletions) {
        // The file name only has to be unique: the definition inside names the task.
        DefinitionFiles.writeNew(
            DefinitionFiles.freeFile(tasks, deletion.name(), taken), deletion.remote());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the backup of the task definitions to purge in "
              + tasks
              + " (nothing was deleted): "
              + e.getMessage(),
          e);
    }
    return folder;
  }
}
