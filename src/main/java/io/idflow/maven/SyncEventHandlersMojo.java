package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncEventHandlers;
import io.idflow.core.local.Definitions;
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
public class SyncEventHandlersMojo extends AbstractValidatingMojo {

  /** The event handlers to sync: a name or a comma list of names. Default: all. */
  @Parameter(property = IdflowProperties.EVENT_HANDLER)
  private String eventHandler;

  /** Writes every selected handler, even those the server already holds unchanged. */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Shows what would be created and updated, and writes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  @Override
  protected Outcome outcome(IdflowLog log) {
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("eventHandler", eventHandler)
        .checked("force", force)
        .checked("dryRun", dryRun);
    try (ConductorClient client = client()) {
      return SyncEventHandlers.run(
          client, localFiles(directory), Definitions.names(eventHandler), force, dryRun, log);
    }
  }
}
