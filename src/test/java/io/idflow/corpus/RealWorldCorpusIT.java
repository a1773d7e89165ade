package io.idflow.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.server.RunningServer;
import io.idflow.core.server.ServerStopper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Definitions written by others, against a real Conductor 3.32.3: the offline verdict must agree
 * with the server's, and what both accept must be found unchanged straight after its upload. The
 * corpus is {@code idflow.corpus} (a folder of sources, see {@link CorpusRun}); the build passes
 * the definitions it unpacks from Conductor's own artifacts on Maven Central. Prints the table of
 * {@code CORPUS.md}.
 */
class RealWorldCorpusIT {

  @Test
  @Timeout(3600)
  void theServerAndThePluginAgreeAndNothingDriftsAfterAnUpload() throws Exception {
    Path corpus = Path.of(System.getProperty("idflow.corpus", "target/corpus"));
    Path work = Path.of(System.getProperty("idflow.corpus.work", "target/corpus-run"));
    CorpusRun.deleteTree(work);
    Files.createDirectories(work);
    Map<String, Path> sources = CorpusRun.sources(corpus, work);
    assertThat(sources).as("sources below " + corpus.toAbsolutePath()).isNotEmpty();

    RunningServer server = RealServer.start(work.resolve("server"));
    List<CorpusRun.Result> results = new ArrayList<>();
    try {
      CorpusRun run = new CorpusRun(server.url(), work);
      for (Map.Entry<String, Path> source : sources.entrySet()) {
        results.add(run.run(source.getKey(), source.getValue()));
      }
    } finally {
      new ServerStopper().stop(work.resolve("server"), Duration.ofSeconds(30));
    }
    String table = CorpusTable.render(results);
    System.out.println(table);
    Files.writeString(work.resolve("corpus-table.md"), table);

    for (CorpusRun.Result r : results) {
      assertThat(r.falseDrift()).as("false drift in " + r.source()).isEmpty();
      assertThat(r.uploadFailures()).as("upload failures in " + r.source()).isEmpty();
      assertThat(r.diffChanges()).as("diff changes after the upload in " + r.source()).isZero();
      assertThat(r.exportMismatches())
          .as("definitions that do not come back unchanged from export in " + r.source())
          .isEmpty();
      assertThat(r.verdicts())
          .as("definitions the server accepts and the plugin rejects in " + r.source())
          .filteredOn(v -> v.serverAccepts() && !v.pluginAccepts())
          .isEmpty();
      assertThat(r.verdicts())
          .as(
              "definitions the server rejects and the plugin accepts, though no server state"
                  + " decides, in "
                  + r.source())
          .filteredOn(v -> !v.serverAccepts() && v.pluginAccepts() && !v.serverStateDecides())
          .isEmpty();
    }
  }
}
