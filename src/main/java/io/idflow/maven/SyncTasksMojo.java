package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings Conductor's task definitions in line with the local ones, after validating them all: new
 * ones in one bulk request, changed ones one by one with an update that keeps their {@code
 * createTime}; unchanged ones are skipped. Remote task definitions are never deleted here (see
 * {@code purge-orphans}).
 */
@Mojo(name = "sync-tasks", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncTasksMojo extends AbstractSyncMojo {

  /** The task definitions to sync: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.TASK)
  private String task;

  @Override
  protected Outcome outcome(IdflowLog log) {
    return sync(Kind.TASK, "task", task, log);
  }
}
