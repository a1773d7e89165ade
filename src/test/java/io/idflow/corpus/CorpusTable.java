package io.idflow.corpus;

import io.idflow.core.model.Kind;
import java.util.List;

/** The corpus results as a Markdown table, and every disagreement below it. */
final class CorpusTable {

  private CorpusTable() {}

  static String render(List<CorpusRun.Result> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| source | kind | definitions | server accepts | plugin accepts | both | false rejections"
            + " | false acceptances | uploaded | false drift |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n");
    long[] total = new long[16];
    for (CorpusRun.Result r : results) {
      for (Kind kind : Kind.values()) {
        long n = r.count(kind);
        if (n == 0) {
          continue;
        }
        long serverYes = r.count(kind, true, true) + r.count(kind, true, false);
        long pluginYes = r.count(kind, true, true) + r.count(kind, false, true);
        long drift =
            r.falseDrift().stream()
                .filter(d -> d.startsWith(kind == Kind.WORKFLOW ? "workflow " : "task "))
                .count();
        long[] row = {
          n,
          serverYes,
          pluginYes,
          r.count(kind, true, true),
          r.count(kind, true, false),
          r.count(kind, false, true),
          kind == Kind.WORKFLOW ? r.uploadedWorkflows() : r.uploadedTasks(),
          drift
        };
        out.append("| ").append(r.source()).append(" | ").append(kind.label());
        for (int i = 0; i < row.length; i++) {
          out.append(" | ").append(row[i]);
          total[(kind == Kind.WORKFLOW ? 0 : 8) + i] += row[i];
        }
        out.append(" |\n");
      }
    }
    for (Kind kind : Kind.values()) {
      out.append("| **all** | ").append(kind.label());
      for (int i = 0; i < 8; i++) {
        out.append(" | **").append(total[(kind == Kind.WORKFLOW ? 0 : 8) + i]).append("**");
      }
      out.append(" |\n");
    }
    out.append("\n");
    for (CorpusRun.Result r : results) {
      for (CorpusRun.Verdict v : r.verdicts()) {
        if (v.serverAccepts() != v.pluginAccepts()) {
          out.append("- ")
              .append(r.source())
              .append(' ')
              .append(v.file())
              .append(v.index() < 0 ? "" : " [" + v.index() + "]")
              .append(" (")
              .append(v.kind().label())
              .append(' ')
              .append(v.id())
              .append("): ")
              .append(
                  v.serverAccepts()
                      ? "server accepts, plugin: " + v.plugin()
                      : "plugin accepts, server: "
                          + v.server()
                          + (v.serverStateDecides()
                              ? " (the plugin warned: the server's state decides)"
                              : ""))
              .append('\n');
        }
      }
      r.falseDrift()
          .forEach(
              d ->
                  out.append("- ")
                      .append(r.source())
                      .append(" false drift: ")
                      .append(d)
                      .append('\n'));
      r.uploadFailures()
          .forEach(
              d ->
                  out.append("- ")
                      .append(r.source())
                      .append(" upload failed: ")
                      .append(d)
                      .append('\n'));
      r.duplicates()
          .forEach(
              d ->
                  out.append("- ")
                      .append(r.source())
                      .append(" duplicate, uploaded once: ")
                      .append(d)
                      .append('\n'));
    }
    return out.toString();
  }
}
