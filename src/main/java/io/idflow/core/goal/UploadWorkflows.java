package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.apply.WorkflowWriter;
import io.idflow.core.apply.Written;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.Difference;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.DefinitionId;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code upload-workflows}: load and validate, fetch the server's workflows once, plan, then write
 * everything that needs writing in one bulk request, each write confirmed.
 */
public final class UploadWorkflows {

  /**
   * What to upload and how.
   *
   * @param workflows names to upload, all when empty
   * @param force upload every selected workflow, changed or not
   * @param dryRun plan and report, write nothing
   * @param onDrift what to do with a version the server holds with other content
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public record Options(
      Set<String> workflows,
      boolean force,
      boolean dryRun,
      DriftPolicy onDrift,
      String ownerEmail,
      boolean ownerEmailMandatory) {

    public static Options defaults() {
      return new Options(Set.of(), false, false, DriftPolicy.WARN, null, false);
    }
  }

  private UploadWorkflows() {}

  /**
   * Plans and (unless a dry run) applies the upload. Throws when nothing can be planned: invalid
   * definitions, unknown names, a server that cannot be listed ({@link NothingDone}); a failed
   * write is in the outcome.
   */
  public static UploadOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    return upload(
        client,
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log),
        options,
        log);
  }

  /** As {@link #run}, on definitions already loaded and validated. */
  static UploadOutcome upload(
      ConductorClient client, LocalDefinitions defs, Options options, IdflowLog log) {
    List<DefinitionId> selected =
        Definitions.select(defs, Kind.WORKFLOW, options.workflows()).stream()
            .map(LocalDefinition::id)
            .toList(); // an unknown name asks nothing
    return upload(
        client,
        defs,
        NothingDone.beforeAnyWrite(
            "Nothing was uploaded", () -> RemoteDefinitions.fetch(client, selected, Kind.WORKFLOW)),
        options,
        log);
  }

  /** As {@link #run}, on definitions already loaded and validated and the server's listing. */
  static UploadOutcome upload(
      ConductorClient client,
      LocalDefinitions defs,
      RemoteDefinitions remote,
      Options options,
      IdflowLog log) {
    List<LocalDefinition> selected = Definitions.select(defs, Kind.WORKFLOW, options.workflows());
    boolean single = options.workflows().size() == 1;
    if (single) {
      log.info(
          "Uploading workflow '" + options.workflows().iterator().next() + "' to Conductor...");
    }
    Plan plan =
        Planner.plan(
            defs, remote, Planner.Options.compare(selected, options.force(), options.onDrift()));
    List<PlanItem> drifted = plan.with(Action.DRIFT);
    IdflowException driftFailure =
        options.onDrift() == DriftPolicy.FAIL && !drifted.isEmpty() ? driftFailure(drifted) : null;
    Written written =
        driftFailure != null || options.dryRun()
            ? Written.nothing()
            : WorkflowWriter.write(client, plan.writes(), log);
    List<UploadResult> results = new ArrayList<>();
    for (PlanItem item : plan.items()) {
      UploadResult.Status status;
      String reason = null;
      if (item.action() == Action.UNCHANGED) {
        status = UploadResult.Status.UP_TO_DATE;
      } else if (item.action() == Action.DRIFT) {
        status = UploadResult.Status.DRIFTED;
      } else if (driftFailure != null) {
        status = UploadResult.Status.FAILED;
        reason = "not uploaded: drift elsewhere blocks the upload (onDrift=fail)";
      } else if (options.dryRun()) {
        status = UploadResult.Status.WOULD_UPLOAD;
        reason = wouldUpload(item);
      } else if (written.failures().containsKey(item)) {
        status = UploadResult.Status.FAILED;
        reason = written.failures().get(item);
      } else {
        status = UploadResult.Status.UPLOADED;
      }
      results.add(
          new UploadResult(
              item.name(), item.local().version(), status, item.differences(), reason));
    }
    RuntimeException failure = driftFailure != null ? driftFailure : written.failure();
    return new UploadOutcome(
        Kind.WORKFLOW,
        defs.workflowFiles(),
        single,
        options.dryRun(),
        options.onDrift(),
        results,
        failure,
        client.serverUrl());
  }

  /** Why a dry run would write {@code item}. */
  static String wouldUpload(PlanItem item) {
    return item.action() == Action.CREATE
        ? "not in Conductor"
        : item.differences().isEmpty()
            ? "forced"
            : "changed: "
                + item.differences().stream()
                    .map(Difference::path)
                    .collect(Collectors.joining(", "));
  }

  private static IdflowException driftFailure(List<PlanItem> drifted) {
    StringBuilder text =
        new StringBuilder(
            "Drift (onDrift=fail): "
                + drifted.size()
                + " workflow"
                + (drifted.size() == 1 ? " differs" : "s differ")
                + " from Conductor at the same version; nothing was uploaded:");
    for (PlanItem item : drifted) {
      text.append(System.lineSeparator())
          .append("  ")
          .append(item.id())
          .append(" (")
          .append(item.local().file())
          .append(')');
      item.differences().forEach(d -> text.append(System.lineSeparator()).append("    ").append(d));
    }
    text.append(System.lineSeparator())
        .append(
            "Bump the version in the file, or run with -Didflow.onDrift=overwrite to replace the"
                + " server's copy");
    return new IdflowException(text.toString());
  }
}
