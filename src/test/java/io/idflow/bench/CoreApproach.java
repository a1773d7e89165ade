package io.idflow.bench;

import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.SyncTasks;
import io.idflow.core.goal.UploadWorkflows;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.local.Placeholders;
import io.idflow.core.outcome.UploadOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The plugin's core through its Java API, as {@code idflow:sync-tasks} then {@code
 * idflow:upload-workflows} run it: each loads {@code idflow/} and validates it (or reuses the
 * results kept by content, as the Mojos do), reads what it needs of the server's definitions of its
 * kind, plans, writes in bulk (changed task definitions with one PUT each) and renders its report.
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
    // As the Mojos read them: validation results kept by content beside the definitions, as in a
    // project's target/idflow/validated.
    LocalFiles files =
        new LocalFiles(
            idflow, Placeholders.none(), idflow.resolveSibling("target/idflow/validated"));
    try (ConductorClient client =
        ConductorClient.builder(url)
            .http(meter.instrument(new OkHttpClient.Builder()))
            .readTimeout(Duration.ofMinutes(10))
            .build()) {
      UploadOutcome tasks = SyncTasks.run(client, files, SyncTasks.Options.defaults(), log);
      tasks.render(log);
      if (tasks.failed()) {
        throw new IllegalStateException("sync-tasks failed: " + tasks.summary());
      }
      UploadOutcome workflows =
          UploadWorkflows.run(client, files, UploadWorkflows.Options.defaults(), log);
      workflows.render(log);
      if (workflows.failed()) {
        throw new IllegalStateException("upload-workflows failed: " + workflows.summary());
      }
    }
    return null;
  }
}
