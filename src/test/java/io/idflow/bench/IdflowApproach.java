package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * ID Flow's per-definition approach: for each task definition, list every task definition ({@code
 * GET /metadata/taskdefs}) and create it ({@code POST /metadata/taskdefs [def]}) when its name is
 * missing; for each workflow, list every workflow ({@code GET /metadata/workflow}, all versions,
 * full bodies) and create it ({@code POST /metadata/workflow}) when its name and version are
 * missing. It never compares content, so a changed task definition is not updated.
 *
 * <p>That is quadratic: N listings of up to N definitions. With a sample size K, only some
 * definitions are measured, and the rest are brought onto the server between them, untimed and
 * uncounted, so each measured one sees the listing it would see in a full run:
 *
 * <ul>
 *   <li>the definitions changed since the last run (1% of them in phase c) are all measured;
 *   <li>of the others, K evenly spaced ones are measured (index {@code floor((j + 0.5) * M / K)});
 *   <li>the total of a kind = the changed ones' sum + the sampled ones' mean x M, for time,
 *       requests and bytes alike; the wall time adds the measured time to read the files.
 * </ul>
 *
 * With K at least the number of definitions, every definition is measured and nothing is
 * extrapolated.
 */
final class IdflowApproach implements Approach {
  private static final int FLUSH_BATCH = 500;

  private final String api;
  private final Meter meter;
  private final int sample;

  IdflowApproach(String url, Meter meter, int sample) {
    this.api = url + "/api";
    this.meter = meter;
    this.sample = sample;
  }

  private enum Kind {
    TASK,
    WORKFLOW
  }

  /** Sums over measured definitions. */
  private static final class Sum {
    long nanos;
    long requests;
    long requestBytes;
    long responseBytes;
    int count;

    void add(long nanos, Meter.Counts before, Meter.Counts after) {
      this.nanos += nanos;
      requests += after.requests() - before.requests();
      requestBytes += after.requestBytes() - before.requestBytes();
      responseBytes += after.responseBytes() - before.responseBytes();
      count++;
    }

    /** This sum scaled from {@code count} measured to {@code total} definitions. */
    double[] scaled(int total) {
      double f = count == 0 ? 0 : (double) total / count;
      return new double[] {nanos * f, requests * f, requestBytes * f, responseBytes * f};
    }
  }

  @Override
  public Estimate run(Path idflow, Set<String> changed) throws IOException {
    long began = System.nanoTime();
    OkHttpClient http = Http.client(meter);
    Local local = Local.read(idflow);
    long readNanos = System.nanoTime() - began;
    double[] total = {readNanos, 0, 0, 0};
    StringBuilder how = new StringBuilder();
    boolean sampled = false;
    for (Kind kind : Kind.values()) {
      List<Local.Def> defs = kind == Kind.TASK ? local.tasks() : local.workflows();
      List<Local.Def> rest = defs.stream().filter(d -> !changed.contains(d.name())).toList();
      Set<Local.Def> measuredRest = pick(rest);
      sampled |= measuredRest.size() < rest.size();
      Sum changedSum = new Sum();
      Sum restSum = new Sum();
      Set<String> known = sampled ? existing(http, kind) : new HashSet<>();
      List<Local.Def> pending = new ArrayList<>();
      for (Local.Def def : defs) {
        boolean isChanged = changed.contains(def.name());
        if (!isChanged && !measuredRest.contains(def)) {
          // Not measured: it must still be on the server before the next measured one lists.
          if (known.add(def.id())) {
            pending.add(def);
          }
          continue;
        }
        flush(http, kind, pending);
        Meter.Counts before = meter.counts();
        long t0 = System.nanoTime();
        boolean missing = !ids(http, kind).contains(def.id());
        if (missing) {
          create(http, kind, def);
        }
        long t = System.nanoTime() - t0;
        known.add(def.id());
        (isChanged ? changedSum : restSum).add(t, before, meter.counts());
      }
      flush(http, kind, pending);
      double[] c = changedSum.scaled(changedSum.count);
      double[] r = restSum.scaled(rest.size());
      for (int i = 0; i < 4; i++) {
        total[i] += c[i] + r[i];
      }
      how.append(
          String.format(
              "%s: %d changed measured, %d of %d others measured; ",
              kind == Kind.TASK ? "tasks" : "workflows",
              changedSum.count,
              restSum.count,
              rest.size()));
    }
    if (!sampled) {
      return null;
    }
    return new Estimate(
        Math.round(total[0]),
        Math.round(total[1]),
        Math.round(total[2]),
        Math.round(total[3]),
        how.toString().trim());
  }

  /** K evenly spaced definitions of {@code defs}, or all of them. */
  private Set<Local.Def> pick(List<Local.Def> defs) {
    if (sample <= 0 || sample >= defs.size()) {
      return new HashSet<>(defs);
    }
    Set<Local.Def> out = new HashSet<>();
    for (int j = 0; j < sample; j++) {
      out.add(defs.get((int) Math.floor((j + 0.5) * defs.size() / sample)));
    }
    return out;
  }

  /** The measured step: one full listing, parsed, reduced to identities. */
  private Set<String> ids(OkHttpClient http, Kind kind) throws IOException {
    byte[] body =
        Http.send(
            http,
            new Request.Builder()
                .url(api + (kind == Kind.TASK ? "/metadata/taskdefs" : "/metadata/workflow"))
                .get()
                .build());
    Set<String> ids = new HashSet<>();
    for (JsonNode def : Local.JSON.readTree(body)) {
      String name = def.path("name").asText();
      ids.add(kind == Kind.TASK ? name + " v1" : name + " v" + def.path("version").asInt(1));
    }
    return ids;
  }

  private Set<String> existing(OkHttpClient http, Kind kind) throws IOException {
    meter.pause(true);
    try {
      return ids(http, kind);
    } finally {
      meter.pause(false);
    }
  }

  private void create(OkHttpClient http, Kind kind, Local.Def def) throws IOException {
    Request.Builder r = new Request.Builder();
    if (kind == Kind.TASK) {
      r.url(api + "/metadata/taskdefs").post(PlainApproach.array(def.body()));
    } else {
      r.url(api + "/metadata/workflow")
          .post(okhttp3.RequestBody.create(def.body(), PlainApproach.JSON));
    }
    Http.send(http, r.build());
  }

  /** Writes the unmeasured definitions in bulk, untimed and uncounted. */
  private void flush(OkHttpClient http, Kind kind, List<Local.Def> pending) throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    meter.pause(true);
    try {
      for (int from = 0; from < pending.size(); from += FLUSH_BATCH) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        List<Local.Def> batch = pending.subList(from, Math.min(pending.size(), from + FLUSH_BATCH));
        for (int i = 0; i < batch.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          out.write(batch.get(i).body());
        }
        out.write(']');
        okhttp3.RequestBody body =
            okhttp3.RequestBody.create(out.toByteArray(), PlainApproach.JSON);
        Request.Builder r = new Request.Builder();
        if (kind == Kind.TASK) {
          r.url(api + "/metadata/taskdefs").post(body);
        } else {
          r.url(api + "/metadata/workflow").put(body);
        }
        Http.send(http, r.build());
      }
    } finally {
      meter.pause(false);
    }
    pending.clear();
  }
}
