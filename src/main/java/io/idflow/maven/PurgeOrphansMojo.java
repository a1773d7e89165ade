package io.idflow.maven;

import io.idflow.core.local.Definitions;
import io.idflow.core.IdflowLog;
import io.idflow.core.TaskManager;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.purge.PurgePlan;
import io.idflow.core.purge.PurgeReport;
import io.idflow.core.report.RunReport;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes Conductor's orphaned task definitions: those that belong to this project (by
 * {@code ownerEmail} and name globs), are no longer defined locally, and that no workflow uses, in
 * any version, at any depth. Each one is backed up first. Bound to no phase: it runs only when asked.
 */
@Mojo(name = "purge-orphans", threadSafe = true)
public class PurgeOrphansMojo extends AbstractRemoteMojo {

  /** Deletes orphans even when workflows use them: skips the usage check, never the scope. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Lists the task definitions that would be purged, and deletes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  /**
   * Name globs ({@code *}, {@code ?}; comma list) of remote task definitions that are in scope
   * whatever their {@code ownerEmail}. Without an owner (none set, and the local task definitions
   * do not share one) they are the whole scope.
   */
  @Parameter(property = IdflowProperties.PURGE_INCLUDES)
  private String includes;

  /** Name globs ({@code *}, {@code ?}; comma list) of remote task definitions never purged. */
  @Parameter(property = IdflowProperties.PURGE_EXCLUDES)
  private String excludes;

  /** More task definitions to purge than this fails the goal before anything is deleted. */
  @Parameter(property = IdflowProperties.PURGE_MAX_DELETIONS, defaultValue = "10")
  private int maxDeletions;

  /**
   * Where each run writes the task definitions it deletes, as fetched, in
   * {@code <time>/tasks/<name>.json}: {@code mvn idflow:sync-tasks -Didflow.directory=<that folder>}
   * restores them.
   */
  @Parameter(property = IdflowProperties.PURGE_BACKUP_DIRECTORY, defaultValue = "${project.build.directory}/idflow/backup")
  private File backupDirectory;

  @Override
  protected void run(IdflowLog log) throws MojoExecutionException, MojoFailureException {
    PurgeReport report;
    try (ConductorClient client = client()) {
      report = new TaskManager(client, directory.toPath(), log).purge(new TaskManager.PurgeOptions(force, dryRun,
          Definitions.names(includes), Definitions.names(excludes), maxDeletions, backupDirectory.toPath(), ownerEmail, ownerEmailMandatory));
    } catch (ConductorException e) {
      throw beforeAnyWrite(e, "Nothing was deleted");
    }
    report().checked("taskScope", report.plan().scope().describe()).checked("force", force).checked("dryRun", dryRun)
        .checked("maxDeletions", maxDeletions).checked("backup", report.backup() == null ? null : report.backup().toString())
        .addAll(entries(report));
    report.render(log);
    if (report.failure() != null) {
      throw new MojoFailureException(report.failure().getMessage(), report.failure());
    }
    if (report.failed()) {
      String message = "Could not purge " + report.failedDeletes() + " of " + report.results().size() + " orphaned tasks: "
          + String.join(", ", report.results().stream().filter(r -> !r.purged()).map(PurgeReport.Result::name).toList())
          + " (all are backed up in " + report.backup() + ")";
      if (report.serverUnavailable()) {
        throw new MojoExecutionException(message);
      }
      throw new MojoFailureException(message);
    }
  }

  /**
   * One report entry per orphan: {@code purged}, {@code failed} (a failed test), {@code would-purge}
   * (dry run, or stopped by the guard) or {@code in-use} (kept, with its users).
   */
  private static List<RunReport.Entry> entries(PurgeReport report) {
    List<RunReport.Entry> out = new ArrayList<>();
    Map<String, PurgeReport.Result> results = new HashMap<>();
    report.results().forEach(r -> results.put(r.name(), r));
    for (PurgePlan.Candidate c : report.plan().candidates()) {
      PurgeReport.Result r = results.get(c.name());
      String outcome = r == null ? "would-purge" : r.purged() ? "purged" : "failed";
      String detail = r == null || r.reason() == null ? c.reason() : c.reason() + "\n" + r.reason();
      out.add(new RunReport.Entry("task", c.name(), null, outcome, detail, r != null && !r.purged()));
    }
    for (PurgePlan.Kept kept : report.plan().inUse()) {
      out.add(new RunReport.Entry("task", kept.name(), null, "in-use",
          String.join("\n", kept.usages().stream().map(u -> "used by " + u.describe()).toList()), false));
    }
    return out;
  }
}
