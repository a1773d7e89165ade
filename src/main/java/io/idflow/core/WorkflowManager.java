package io.idflow.core;

import io.idflow.core.local.Definitions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.BulkResult;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.client.ValidationError;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Uploads local workflow definitions to Conductor: load and validate, fetch the server's
 * definitions once, plan, then write everything that needs writing in one bulk request.
 */
public final class WorkflowManager {
  private static final Pattern BULK_INDEX = Pattern.compile("arg0\\[(\\d+)]");

  private final ConductorClient client;
  private final Path directory;
  private final IdflowLog log;

  public WorkflowManager(ConductorClient client, Path directory, IdflowLog log) {
    this.client = client;
    this.directory = directory;
    this.log = log;
  }

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
  public record UploadOptions(
      Set<String> workflows, boolean force, boolean dryRun, DriftPolicy onDrift, String ownerEmail, boolean ownerEmailMandatory) {

    public static UploadOptions defaults() {
      return new UploadOptions(Set.of(), false, false, DriftPolicy.WARN, null, false);
    }
  }

  /** The seed's API: uploads every workflow that is missing (or all with {@code force}). */
  public List<UploadResult> uploadWorkflows(boolean force) {
    UploadOptions d = UploadOptions.defaults();
    return upload(new UploadOptions(d.workflows(), force, false, d.onDrift(), null, false)).results();
  }

  /**
   * Whether the workflow {@code name} defined in {@code file} must be uploaded: its version is not
   * on the server, or the server's copy differs.
   */
  public boolean needsUpload(String name, Path file) {
    LocalDefinitions defs = Definitions.loadValid(directory, null, false, log);
    Path wanted = file.toAbsolutePath().normalize();
    Path base = directory.toAbsolutePath().normalize().getParent();
    LocalDefinition def = defs.workflows().stream()
        .filter(d -> d.name().equals(name) && base.resolve(d.file()).normalize().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IdflowException("Workflow '" + name + "' is not defined in " + file));
    Optional<ObjectNode> remote = client.getWorkflowDef(def.name(), def.version());
    return remote.isEmpty() || !JsonDiff.definitions(Kind.WORKFLOW, remote.get(), def.json()).isEmpty();
  }

  /**
   * Plans and (unless a dry run) applies the upload. Throws when nothing could be planned (invalid
   * definitions, unknown names, server unreachable); a failed write is in the report.
   */
  public UploadReport upload(UploadOptions options) {
    LocalDefinitions defs = Definitions.loadValid(directory, options.ownerEmail(), options.ownerEmailMandatory(), log);
    List<LocalDefinition> selected = Definitions.select(defs, Kind.WORKFLOW, options.workflows());
    boolean single = options.workflows().size() == 1;
    if (single) {
      log.info("Uploading workflow '" + options.workflows().iterator().next() + "' to Conductor...");
    }
    // One request for every remote definition; a server that cannot be listed fails the run here.
    Map<String, ObjectNode> remote = Planner.index(Kind.WORKFLOW, client.getWorkflowDefs());
    Plan plan = Planner.plan(selected, remote, options.force(), options.onDrift());
    return apply(plan, options, defs.workflowFiles(), single);
  }

  private UploadReport apply(Plan plan, UploadOptions options, int files, boolean single) {
    List<PlanItem> writes = plan.writes();
    List<PlanItem> drifted = plan.with(Action.DRIFT);
    RuntimeException failure = null;
    if (options.onDrift() == DriftPolicy.FAIL && !drifted.isEmpty()) {
      StringBuilder text = new StringBuilder("Drift (onDrift=fail): " + drifted.size() + " workflow"
          + (drifted.size() == 1 ? " differs" : "s differ") + " from Conductor at the same version; nothing was uploaded:");
      for (PlanItem item : drifted) {
        text.append(System.lineSeparator()).append("  ").append(item.id()).append(" (").append(item.local().file()).append(')');
        item.differences().forEach(d -> text.append(System.lineSeparator()).append("    ").append(d));
      }
      text.append(System.lineSeparator())
          .append("Bump the version in the file, or run with -Didflow.onDrift=overwrite to replace the server's copy");
      failure = new IdflowException(text.toString());
    }
    Map<PlanItem, String> writeFailures = new java.util.HashMap<>();
    if (failure == null && !writes.isEmpty() && !options.dryRun()) {
      try {
        writeFailures.putAll(unconfirmed(writes, client.putWorkflowDefs(writes.stream().map(i -> i.local().json()).toList())));
      } catch (ConductorException e) {
        failure = e;
        for (int i = 0; i < writes.size(); i++) {
          writeFailures.put(writes.get(i), reasonFor(e, i, writes.size()));
        }
      }
    }
    List<UploadResult> results = new ArrayList<>();
    for (PlanItem item : plan.items()) {
      LocalDefinition d = item.local();
      UploadResult.Status status;
      String reason = null;
      if (item.action() == Action.UNCHANGED) {
        status = UploadResult.Status.UP_TO_DATE;
      } else if (item.action() == Action.DRIFT) {
        status = UploadResult.Status.DRIFTED;
      } else if (failure instanceof IdflowException) {
        status = UploadResult.Status.FAILED;
        reason = "not uploaded: drift elsewhere blocks the upload (onDrift=fail)";
      } else if (options.dryRun()) {
        status = UploadResult.Status.WOULD_UPLOAD;
        reason = item.action() == Action.CREATE ? "not in Conductor" : item.differences().isEmpty() ? "forced" : "changed: "
            + item.differences().stream().map(x -> x.path()).collect(Collectors.joining(", "));
      } else if (writeFailures.containsKey(item)) {
        status = UploadResult.Status.FAILED;
        reason = writeFailures.get(item);
      } else {
        status = UploadResult.Status.UPLOADED;
      }
      results.add(new UploadResult(d.name(), d.version(), status, item.differences(), reason));
    }
    return new UploadReport("workflow", files, single, options.dryRun(), options.onDrift(), results, failure);
  }

  /**
   * The writes that the server's answer does not confirm, with why: each definition sent must be named
   * among those stored. A server that names none (an empty answer) is asked for its listing instead, and
   * each definition must be there as sent.
   */
  private Map<PlanItem, String> unconfirmed(List<PlanItem> writes, BulkResult answer) {
    Map<PlanItem, String> out = new java.util.HashMap<>();
    if (!answer.answered()) {
      log.debug("Conductor's answer to the upload names no definition: reading them back to confirm");
      List<ObjectNode> listing;
      try {
        listing = client.getWorkflowDefs();
      } catch (ConductorException e) {
        writes.forEach(item -> out.put(item, "not confirmed: the answer named no definition, and reading them back failed: "
            + e.getMessage().lines().findFirst().orElse("")));
        return out;
      }
      Map<String, ObjectNode> stored = Planner.index(Kind.WORKFLOW, listing);
      ServerModel model = ServerModel.conductorOss().learn(Kind.WORKFLOW, listing);
      for (PlanItem item : writes) {
        ObjectNode copy = stored.get(item.id());
        List<Difference> differences = copy == null ? List.of() : JsonDiff.definitions(model, Kind.WORKFLOW, copy, item.local().json());
        if (copy == null) {
          out.put(item, "not confirmed: the answer named no definition, and the server's listing lacks it");
        } else if (!differences.isEmpty()) {
          out.put(item, "not confirmed: the answer named no definition, and the server's copy differs at "
              + differences.stream().map(Difference::path).collect(Collectors.joining(", ")));
        }
      }
      return out;
    }
    Map<String, Integer> named = new java.util.HashMap<>();
    answer.successful().forEach(n -> named.merge(n, 1, Integer::sum));
    for (PlanItem item : writes) {
      String error = answer.errors().get(item.name());
      if (error != null) {
        out.put(item, "rejected by Conductor: " + Texts.printable(error));
      } else if (named.merge(item.name(), -1, Integer::sum) < 0) {
        out.put(item, "not confirmed: Conductor's answer does not name it among the definitions it stored");
      }
    }
    return out;
  }

  /**
   * Why a write that got no usable answer did not count: "not uploaded" when the server never had
   * it or said it failed, "not confirmed" when the connection died after the server read it, which
   * may have stored it: only the next run's listing can tell.
   */
  static String notWritten(ConductorException e) {
    String line = e.getMessage().lines().findFirst().orElse("");
    return e instanceof ConductorException.UnexpectedAnswer || e.status() == 0 && e.mayHaveReachedServer()
        ? "not confirmed: " + line + "; the server may have stored it (the next run's listing shows)"
        : "not uploaded: " + line;
  }

  /**
   * The part of a bulk failure that concerns the {@code index}-th definition sent: the server's
   * validation errors name it as {@code ...arg0[index]...} when it can tell. Bulk task writes answer
   * the same way, so {@link TaskManager} shares it.
   */
  static String reasonFor(ConductorException e, int index, int count) {
    if (!e.isRejection()) {
      return notWritten(e);
    }
    List<String> mine = new ArrayList<>();
    boolean anyIndexed = false;
    for (ValidationError v : e.validationErrors()) {
      Matcher m = BULK_INDEX.matcher(v.path() == null ? "" : v.path());
      if (m.find()) {
        anyIndexed = true;
        if (Integer.parseInt(m.group(1)) == index) {
          mine.add(v.message());
        }
      } else {
        mine.add(v.message());
      }
    }
    if (anyIndexed && mine.isEmpty()) {
      return "not uploaded: the server rejected the batch because of another definition (it stores all or none)";
    }
    String detail = mine.isEmpty() ? e.serverMessage() : String.join(System.lineSeparator(), mine);
    return "rejected by Conductor (" + e.status() + "): " + detail + (count > 1 && !anyIndexed ? System.lineSeparator() + "(the batch is all or none: nothing was uploaded)" : "");
  }
}
