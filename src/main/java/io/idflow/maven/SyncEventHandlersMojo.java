package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.Outcome;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings Conductor's event handlers in line with the local ones ({@code idflow/events/**}{@code
 * /*.json}), after validating every definition: new ones are created, changed ones updated in
 * place, one request each (Conductor has no bulk endpoint for them), and each write is confirmed
 * from the server's list. Handlers only the server has are never deleted here (see {@code
 * purge-orphans}).
 */
@Mojo(name = "sync-event-handlers", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SyncEventHandlersMojo extends AbstractSyncMojo {

  /** The event handlers to sync: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.EVENT_HANDLER)
  private String eventHandler;

  @Override
  protected Outcome outcome(IdflowLog log) {
    return sync(Kind.EVENT_HANDLER, "eventHandler", eventHandler, log);
  }
}
