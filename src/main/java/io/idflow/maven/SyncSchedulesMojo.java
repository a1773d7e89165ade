package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings Conductor's schedules in line with the local ones ({@code idflow/schedules/**}{@code
 * /*.json}), after validating every definition: the server first parses every cron expression to
 * write (nothing is written if one fails), then each new or changed schedule is created or
 * replaced, confirmed from the server's answer. A schedule stays paused or running as the server
 * has it unless its file sets {@code paused}. Needs a server with its scheduler on (conductor-oss
 * 3.30+: {@code conductor.scheduler.enabled=true}). Schedules only the server has are never
 * deleted.
 */
@Mojo(name = "sync-schedules", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncSchedulesMojo extends AbstractSyncMojo {

  /** The schedules to sync: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.SCHEDULE)
  private String schedule;

  @Override
  protected Outcome outcome(IdflowLog log) {
    return sync(Kind.SCHEDULE, "schedule", schedule, log);
  }
}
