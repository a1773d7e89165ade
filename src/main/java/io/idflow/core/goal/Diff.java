package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.DiffOutcome;
import io.idflow.core.outcome.ValueNeed;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.plan.Plan;
import io.idflow.core.plan.Planner;
import io.idflow.core.plan.PurgeScope;
import io.idflow.core.remote.RemoteDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code diff}: the plan of every writing goal at once, written nowhere. Its deletions are {@code
 * purge-orphans}' (same scope, same usage check), so the two never disagree.
 */
public final class Diff {

  /**
   * What to compare.
   *
   * @param includes name globs of task definitions that belong to the project whatever their owner
   * @param excludes name globs of task definitions that never belong to the project
   * @param failOnDiff whether any change fails the run
   * @param ownerEmail the owner of the project's task definitions; set on definitions that have
   *     none
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   * @param eventHandlers name globs of the server's event handlers that belong to the project, as
   *     for purge-orphans
   */
  public record Options(
      Set<String> includes,
      Set<String> excludes,
      boolean failOnDiff,
      String ownerEmail,
      boolean ownerEmailMandatory,
      Set<String> eventHandlers) {

    /** No event handler in scope. */
    public Options(
        Set<String> includes,
        Set<String> excludes,
        boolean failOnDiff,
        String ownerEmail,
        boolean ownerEmailMandatory) {
      this(includes, excludes, failOnDiff, ownerEmail, ownerEmailMandatory, Set.of());
    }

    public Options {
      includes = Set.copyOf(includes);
      excludes = Set.copyOf(excludes);
      eventHandlers = Set.copyOf(eventHandlers);
    }
  }

  private Diff() {}

  /**
   * Fetches the server's definitions once per kind (two requests, one more each for event handlers
   * and schedules when the project has some), and the names of its secrets and environment values
   * when workflows read some, and plans.
   */
  public static DiffOutcome run(
      ConductorClient client, LocalFiles files, Options options, IdflowLog log) {
    LocalDefinitions defs =
        Definitions.loadValid(files, options.ownerEmail(), options.ownerEmailMandatory(), log);
    PurgeScope scope = null;
    String scopeProblem = null;
    try {
      scope =
          PurgeScope.resolve(
              options.ownerEmail(), defs.tasks(), options.includes(), options.excludes());
    } catch (IdflowException e) {
      scopeProblem = e.getMessage();
    }
    // Event handlers are asked for only when the project has some: one request per kind it uses.
    List<Kind> kinds = new ArrayList<>(List.of(Kind.WORKFLOW, Kind.TASK));
    if (!defs.eventHandlers().isEmpty() || !options.eventHandlers().isEmpty()) {
      kinds.add(Kind.EVENT_HANDLER);
    }
    if (!defs.of(Kind.SCHEDULE).isEmpty()) {
      kinds.add(Kind.SCHEDULE);
    }
    RemoteDefinitions remote = RemoteDefinitions.fetch(client, kinds.toArray(Kind[]::new));
    Plan plan =
        PurgeOrphans.withEventHandlers(
            plan(defs, remote, scope),
            Planner.eventHandlerDeletions(
                defs, remote, options.eventHandlers(), options.excludes()));
    List<String> unchecked = new ArrayList<>();
    List<ValueNeed> values = ServerValues.check(defs, ServerValues.names(client, defs), unchecked);
    return new DiffOutcome(plan, scopeProblem, options.failOnDiff(), values, unchecked);
  }

  /**
   * Every local definition compared (a changed one is an update here, whatever upload-workflows'
   * drift policy would make of it), and the project's remote-only task definitions planned as
   * purge-orphans plans them.
   */
  public static Plan plan(LocalDefinitions defs, RemoteDefinitions remote, PurgeScope scope) {
    List<LocalDefinition> all = new ArrayList<>(defs.workflows());
    all.addAll(defs.tasks());
    all.addAll(defs.eventHandlers());
    all.addAll(defs.of(Kind.SCHEDULE));
    return Planner.plan(
        defs, remote, new Planner.Options(all, false, DriftPolicy.OVERWRITE, scope, true));
  }
}
