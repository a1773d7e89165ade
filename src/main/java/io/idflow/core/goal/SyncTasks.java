package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.apply.EventHandlerWriter;
import io.idflow.core.apply.ScheduleWriter;
import io.idflow.core.apply.TaskWriter;
import io.idflow.core.apply.WriteFailures;
import io.idflow.core.apply.Written;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.UploadOutcome;
import io.idflow.core.outcome.UploadResult;
import io.idflow.core.plan.Action;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.PlanItem;
import io.idflow.core.plan.Planner;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sync-tasks}: load and validate, fetch the server's task definitions once, plan, then
 * create the new ones in one bulk request and update the changed ones.
 */
public final class SyncTasks {

  /**
   * What to sync and how.
   *
   * @param tasks names to sync, all when empty
   * @param force write every selected task definition, changed or not
   * @param dryRun plan and report, write nothing
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(
      Set<String> tasks,
      boolean force,
      boolean dryRun,
      String ownerEmail,
      boolean ownerEmailMandatory) {

    public static Options defaults() {
      return new Options(Set.of(), false, false, null, false);
    }
  }

  private SyncTasks() {}

  /**
   * Plans and (unless a dry run) applies the sync. Throws when nothing can be planned from the
   * files.
   */
  public static UploadOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    return sync(Kind.TASK, client, files, options, log);
  }

  /**
   * Asks the server to parse the cron expression of every schedule to write, before any is written:
   * it stores any text and would fail only when the schedule runs.
   */
  private static void checkCrons(ConductorClient client, Plan plan) {
    List<String> refused = new ArrayList<>();
    for (PlanItem item : plan.writes()) {
      String cron = item.local().json().path("cronExpression").asText();
      try {
        client.checkCron(cron);
      } catch (ConductorException e) {
        // conductor-oss answers 500 "Invalid cron expression"; any other failure is not about it.
        boolean aboutCron =
            e.isRejection()
                || e.status() == 500
                    && String.valueOf(e.serverMessage()).toLowerCase(Locale.ROOT).contains("cron");
        if (!aboutCron) {
          throw e;
        }
        refused.add(
            item.local().location()
                + " (schedule "
                + item.name()
                + ") at /cronExpression: Conductor cannot read '"
                + cron
                + "': "
                + WriteFailures.detail(e));
      }
    }
    if (!refused.isEmpty()) {
      throw new IdflowException(
          "Nothing was synced: "
              + refused.size()
              + " cron expression"
              + (refused.size() == 1 ? "" : "s")
              + " the server cannot read:"
              + refused.stream()
                  .map(r -> System.lineSeparator() + "  " + r)
                  .collect(Collectors.joining()));
    }
  }

  /**
   * Syncs the selected definitions of {@code kind}, one that has no versions (task definitions,
   * event handlers, schedules): each the server lacks is created, each it holds with other content
   * is updated in place, nothing is deleted. {@code options.tasks()} selects by name. Event
   * handlers are confirmed from the server's list after the writes; schedules have their cron
   * expressions parsed by the server before any write, and keep the server's {@code paused} state
   * unless their file sets it.
   */
  public static UploadOutcome sync(
      Kind kind, ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    return sync(
        kind,
        client,
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log),
        options,
        log);
  }

  /**
   * As {@link #sync(Kind, ConductorClient, LocalFiles, Options, IdflowLog)}, on loaded definitions.
   */
  static UploadOutcome sync(
      Kind kind, ConductorClient client, LocalDefinitions defs, Options options, IdflowLog log) {
    Definitions.select(defs, kind, options.tasks()); // an unknown name asks nothing
    return sync(
        kind,
        client,
        defs,
        NothingDone.beforeAnyWrite(
            "Nothing was synced", () -> RemoteDefinitions.fetch(client, kind)),
        options,
        log);
  }

  /** As above, with the server's listing of {@code kind} already fetched. */
  static UploadOutcome sync(
      Kind kind,
      ConductorClient client,
      LocalDefinitions defs,
      RemoteDefinitions remote,
      Options options,
      IdflowLog log) {
    List<LocalDefinition> selected = Definitions.select(defs, kind, options.tasks());
    boolean single = options.tasks().size() == 1;
    if (single) {
      log.info(
          "Syncing "
              + kind.label()
              + " '"
              + options.tasks().iterator().next()
              + "' with Conductor...");
    }
    Plan plan =
        Planner.plan(
            defs,
            remote,
            Planner.Options.compare(selected, options.force(), DriftPolicy.OVERWRITE));
    if (kind == Kind.SCHEDULE) {
      checkCrons(client, plan);
    }
    Written written =
        options.dryRun()
            ? Written.nothing()
            : switch (kind) {
              case TASK -> TaskWriter.write(client, plan);
              case EVENT_HANDLER -> EventHandlerWriter.write(client, plan);
              case SCHEDULE -> ScheduleWriter.write(client, plan);
              case WORKFLOW -> throw new IllegalArgumentException("workflows have versions");
            };
    List<UploadResult> results = new ArrayList<>();
    for (PlanItem item : plan.items()) {
      UploadResult.Status status;
      String reason = null;
      if (item.action() == Action.UNCHANGED) {
        status = UploadResult.Status.UP_TO_DATE;
      } else if (options.dryRun()) {
        status = UploadResult.Status.WOULD_UPLOAD;
        reason = UploadWorkflows.wouldUpload(item);
      } else if (written.failures().containsKey(item)) {
        status = UploadResult.Status.FAILED;
        reason = written.failures().get(item);
      } else {
        status =
            item.action() == Action.CREATE
                ? UploadResult.Status.CREATED
                : UploadResult.Status.UPDATED;
      }
      results.add(new UploadResult(item.name(), 0, status, item.differences(), reason));
    }
    return new UploadOutcome(
        kind,
        defs.files(kind),
        single,
        options.dryRun(),
        DriftPolicy.OVERWRITE,
        results,
        written.failure(),
        client.serverUrl());
  }
}
