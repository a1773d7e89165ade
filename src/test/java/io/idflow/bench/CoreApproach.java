package io.idflow.bench;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.UploadOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The plugin's core through its Java API, as {@code idflow:sync-tasks} then {@code
 * idflow:upload-workflows} run it: each loads and validates {@code idflow/}, lists the server's
 * definitions of its kind once, plans, writes in bulk (changed task definitions with one PUT each)
 * and renders its report.
 */
final class CoreApproach implements Approach {
  private final String url;
  private final Meter meter;

  CoreApproach(String url, Meter meter) {
    this.url = url;
    this.meter = meter;
  }

  @Override
  public Estimate run(Path idflow, Set<String> changed) {
    IdflowLog log = IdflowLog.silent();
    try (ConductorClient client =
        ConductorClient.builder(url)
            .http(meter.instrument(new OkHttpClient.Builder()))
            .readTimeout(Duration.ofMinutes(10))
            .build()) {
      UploadOutcome tasks =
          SyncTasks.run(client, LocalFiles.of(idflow), SyncTasks.Options.defaults(), log);
      tasks.render(log);
      if (tasks.failed()) {
        throw new IllegalStateException("sync-tasks failed: " + tasks.summary());
      }
      UploadOutcome workflows =
          UploadWorkflows.run(
              client, LocalFiles.of(idflow), UploadWorkflows.Options.defaults(), log);
      workflows.render(log);
      if (workflows.failed()) {
        throw new IllegalStateException("upload-workflows failed: " + workflows.summary());
      }
    }
    return null;
  }
}
