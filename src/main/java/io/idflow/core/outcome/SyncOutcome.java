package io.idflow.core.outcome;

import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code sync} did: the outcome of each kind it synced, in order, and the kinds it did not
 * start because an earlier one failed.
 *
 * @param done each synced kind's outcome, in the order synced
 * @param stopped the kinds not synced after a failure
 */
public record SyncOutcome(List<UploadOutcome> done, List<Kind> stopped) implements Outcome {

  public SyncOutcome {
    done = List.copyOf(done);
    stopped = List.copyOf(stopped);
  }

  @Override
  public void render(IdflowLog log) {
    if (done.isEmpty()) {
      log.info("No definitions to sync");
      return;
    }
    for (UploadOutcome outcome : done) {
      outcome.render(log);
    }
    if (!stopped.isEmpty()) {
      log.error(
          "Not synced, because "
              + done.get(done.size() - 1).kind().label()
              + "s failed: "
              + stopped.stream().map(k -> k.label() + "s").collect(Collectors.joining(", ")));
    }
  }

  @Override
  public List<RunReport.Entry> entries() {
    List<RunReport.Entry> all = new ArrayList<>();
    done.forEach(o -> all.addAll(o.entries()));
    return all;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new TreeMap<>();
    done.forEach(o -> facts.putAll(o.facts()));
    if (!stopped.isEmpty()) {
      facts.put("notSynced", stopped.stream().map(k -> k.label()).toList());
    }
    return facts;
  }

  @Override
  public Optional<Failure> failure() {
    return done.stream().map(Outcome::failure).flatMap(Optional::stream).findFirst();
  }
}
