package io.idflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders a benchmark report as the Markdown that BENCHMARKS.md keeps. */
final class Tables {
  private static final String[] PHASES = {"a", "b", "c"};
  private static final String[] PHASE_NAMES = {
    "(a) first upload", "(b) no-op rerun", "(c) 1% changed"
  };
  private static final String COLD = "b-cold";
  private static final String COLD_NAME = "(b) no-op, fresh JVM";

  private Tables() {}

  static String render(JsonNode report) {
    StringBuilder md = new StringBuilder();
    JsonNode m = report.get("machine");
    md.append("Machine: ")
        .append(m.get("cores").asInt())
        .append(" cores (")
        .append(m.get("cpu").asText())
        .append("), ")
        .append(m.get("memory").asText())
        .append(" RAM, ")
        .append(m.get("os").asText())
        .append("; benchmark JVMs: ")
        .append(m.get("benchJava").asText())
        .append("; server: Conductor 3.32.3 (SQLite) on Java ")
        .append(m.get("serverJava").asText())
        .append(", ready in ")
        .append(report.path("serverStartupSeconds").asText())
        .append(" s.\n")
        .append("Load average (1/5/15 min): ")
        .append(report.get("loadAtStart").asText())
        .append(" at the start, ")
        .append(report.path("loadAtEnd").asText())
        .append(" at the end; each row shows the 1-minute load when its phase began.\n\n");

    md.append(
        "| N | approach | phase | wall | HTTP requests | bytes sent | bytes received | peak heap"
            + " (live) | own time, HTTP excluded (process CPU) | load |\n");
    md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    List<String> notes = new ArrayList<>();
    for (JsonNode cell : report.get("cells")) {
      if (cell.path("samplingCheck").asBoolean()) {
        continue;
      }
      for (JsonNode p : cell.get("phases")) {
        boolean estimated = p.has("extrapolated");
        String mark = estimated ? "~" : "";
        if (estimated) {
          notes.add(
              "N="
                  + cell.get("n").asInt()
                  + " "
                  + name(p)
                  + ": "
                  + p.get("extrapolated").asText()
                  + " (the sampled run itself took "
                  + time(p.get("sampleRunWallMs").asDouble())
                  + ")");
        }
        md.append(
            String.format(
                Locale.ROOT,
                "| %,d | %s | %s | %s%s | %s%,d | %s%s | %s%s | %s | %s | %.2f |\n",
                cell.get("n").asInt(),
                label(cell),
                name(p),
                mark,
                time(p.get("wallMs").asDouble()),
                mark,
                p.get("requests").asLong(),
                mark,
                bytes(p.get("requestBytes").asLong()),
                mark,
                bytes(p.get("responseBytes").asLong()),
                String.format(
                    Locale.ROOT,
                    "%.0f MB (%.0f MB)",
                    p.get("peakHeapMB").asDouble(),
                    p.get("liveHeapMB").asDouble()),
                p.has("ownMs") && cell.get("approach").asText().equals("core")
                    ? time(p.get("ownMs").asDouble())
                        + " (CPU "
                        + time(p.get("cpuMs").asDouble())
                        + ")"
                    : "",
                p.get("load1").asDouble()));
      }
    }
    md.append("\n~ extrapolated from a sample:\n");
    notes.forEach(n -> md.append("- ").append(n).append('\n'));

    md.append(
        "\n"
            + "Server state after phase (c), per cell (workflows v1 / v2, task definitions, changed"
            + " task definitions updated):\n");
    for (JsonNode cell : report.get("cells")) {
      JsonNode s = cell.get("serverState");
      md.append(
          String.format(
              Locale.ROOT,
              "- %s N=%,d%s: %d / %d, %d, %d%s\n",
              cell.get("approach").asText(),
              cell.get("n").asInt(),
              cell.path("samplingCheck").asBoolean() ? " (sampled)" : "",
              s.get("workflowsV1").asInt(),
              s.get("workflowsV2").asInt(),
              s.get("taskDefs").asInt(),
              s.get("changedTaskDefsUpdated").asInt(),
              s.get("expected").asBoolean() ? "" : " (not the desired state)"));
    }

    md.append("\nSampling check (ID Flow at the same N, measured in full and sampled):\n");
    for (JsonNode cell : report.get("cells")) {
      if (!cell.path("samplingCheck").asBoolean()) {
        continue;
      }
      Optional<JsonNode> full = find(report, "idflow", cell.get("n").asInt(), false);
      for (int i = 0; i < PHASES.length; i++) {
        JsonNode s = phase(cell, PHASES[i]);
        int idx = i;
        JsonNode f = full.map(c -> phase(c, PHASES[idx])).orElse(null);
        if (f != null) {
          md.append(
              String.format(
                  Locale.ROOT,
                  "- N=%,d %s: full %s, extrapolated %s (%+.0f%%); bytes full %s, extrapolated"
                      + " %s\n",
                  cell.get("n").asInt(),
                  PHASE_NAMES[i],
                  time(f.get("wallMs").asDouble()),
                  time(s.get("wallMs").asDouble()),
                  100 * (s.get("wallMs").asDouble() / f.get("wallMs").asDouble() - 1),
                  bytes(f.get("requestBytes").asLong() + f.get("responseBytes").asLong()),
                  bytes(s.get("requestBytes").asLong() + s.get("responseBytes").asLong())));
        }
      }
    }

    md.append(
        "\n"
            + "Speed-up of the core (wall time of the other approach / the core's):\n\n"
            + "| N | phase | ID Flow / core | plain loop / core |\n"
            + "|---:|---|---:|---:|\n");
    for (JsonNode cell : report.get("cells")) {
      if (!cell.get("approach").asText().equals("core")) {
        continue;
      }
      int n = cell.get("n").asInt();
      for (int i = 0; i < PHASES.length; i++) {
        double core = phase(cell, PHASES[i]).get("wallMs").asDouble();
        int idx = i;
        String idflow =
            find(report, "idflow", n, false)
                .map(c -> ratio(phase(c, PHASES[idx]).get("wallMs").asDouble(), core))
                .orElse("");
        String plain =
            find(report, "plain", n, false)
                .map(c -> ratio(phase(c, PHASES[idx]).get("wallMs").asDouble(), core))
                .orElse("");
        md.append(
            String.format(
                Locale.ROOT, "| %,d | %s | %s | %s |\n", n, PHASE_NAMES[i], idflow, plain));
      }
      Optional<JsonNode> cold = optionalPhase(cell, COLD);
      if (cold.isPresent()) {
        double core = cold.get().get("wallMs").asDouble();
        String idflow =
            find(report, "idflow", n, false)
                .map(c -> ratio(phase(c, "b").get("wallMs").asDouble(), core))
                .orElse("");
        String plain =
            find(report, "plain", n, false)
                .map(c -> ratio(phase(c, "b").get("wallMs").asDouble(), core))
                .orElse("");
        md.append(
            String.format(
                Locale.ROOT, "| %,d | %s (the core's) | %s | %s |\n", n, COLD_NAME, idflow, plain));
      }
    }

    md.append(
        "\n"
            + "The core in smaller heaps, at the largest N (all phases in one fresh JVM with this"
            + " -Xmx):\n");
    for (JsonNode fit : report.path("coreHeapFit")) {
      md.append("- -Xmx").append(fit.get("xmx").asText()).append(": ");
      if (fit.get("ok").asBoolean()) {
        JsonNode c = fit.get("cell");
        md.append("completed; ");
        for (int i = 0; i < PHASES.length; i++) {
          JsonNode p = phase(c, PHASES[i]);
          md.append(
              String.format(
                  Locale.ROOT,
                  "%s %s (own %s, peak %.0f MB)%s",
                  PHASE_NAMES[i],
                  time(p.get("wallMs").asDouble()),
                  time(p.get("ownMs").asDouble()),
                  p.get("peakHeapMB").asDouble(),
                  i < 2 ? ", " : "\n"));
        }
      } else {
        md.append("failed: ").append(fit.get("error").asText()).append('\n');
      }
    }
    return md.toString();
  }

  private static String label(JsonNode cell) {
    return switch (cell.get("approach").asText()) {
      case "core" -> "plugin core";
      case "idflow" -> "ID Flow";
      case "plain" -> "plain loop";
      default -> cell.get("approach").asText();
    };
  }

  private static String name(JsonNode phase) {
    String p = phase.get("phase").asText();
    if (p.equals(COLD)) {
      return COLD_NAME;
    }
    for (int i = 0; i < PHASES.length; i++) {
      if (PHASES[i].equals(p)) {
        return PHASE_NAMES[i];
      }
    }
    return p;
  }

  static Optional<JsonNode> find(JsonNode report, String approach, int n, boolean samplingCheck) {
    for (JsonNode cell : report.get("cells")) {
      if (cell.get("approach").asText().equals(approach)
          && cell.get("n").asInt() == n
          && cell.path("samplingCheck").asBoolean() == samplingCheck) {
        return Optional.of(cell);
      }
    }
    return Optional.empty();
  }

  static Optional<JsonNode> optionalPhase(JsonNode cell, String phase) {
    for (JsonNode p : cell.get("phases")) {
      if (p.get("phase").asText().equals(phase)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static JsonNode phase(JsonNode cell, String phase) {
    for (JsonNode p : cell.get("phases")) {
      if (p.get("phase").asText().equals(phase)) {
        return p;
      }
    }
    throw new IllegalArgumentException("No phase " + phase);
  }

  static String ratio(double other, double core) {
    return String.format(Locale.ROOT, "%.1fx", other / core);
  }

  static String time(double ms) {
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%,.0f ms", ms);
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
  }

  static String bytes(long b) {
    if (b < 10 * 1024) {
      return String.format(Locale.ROOT, "%,d B", b);
    }
    if (b < 10L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%,.0f KB", b / 1024.0);
    }
    if (b < 10L * 1024 * 1024 * 1024) {
      return String.format(Locale.ROOT, "%,.0f MB", b / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%,.1f GB", b / (1024.0 * 1024 * 1024));
  }
}
