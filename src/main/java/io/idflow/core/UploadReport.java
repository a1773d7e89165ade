package io.idflow.core;

import io.idflow.core.client.ConductorException;
import io.idflow.core.plan.DriftPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outcome of an upload: a result per definition, and the reason the run failed, if it did.
 *
 * @param kind "workflow" or "task"
 * @param files how many definition files were read
 * @param single whether exactly one definition name was selected
 * @param dryRun whether nothing was written on purpose
 * @param onDrift the drift policy in force
 * @param results one per selected definition, sorted by name and version
 * @param failure why the run failed (server rejection, server down, drift under {@code fail}), or null
 */
public record UploadReport(
    String kind, int files, boolean single, boolean dryRun, DriftPolicy onDrift,
    List<UploadResult> results, RuntimeException failure) {

  public UploadReport {
    results = List.copyOf(results);
  }

  public boolean failed() {
    return failure != null || results.stream().anyMatch(UploadResult::failed);
  }

  /** The failure is the server's (down, 5xx) rather than the user's. */
  public boolean serverUnavailable() {
    return failure instanceof ConductorException c && c.isUnavailable();
  }

  public long count(UploadResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** The lines a user reads, in the form of ID Flow's {@code workflow upload}. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    Map<String, Long> versionsPerName = results.stream().collect(Collectors.groupingBy(UploadResult::name, Collectors.counting()));
    Function<UploadResult, String> shown = r -> versionsPerName.get(r.name()) > 1 ? r.name() + " v" + r.version() : r.name();
    String Kind = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    out.add("Found " + files + " " + kind + " file" + (files == 1 ? "" : "s")
        + (results.size() != files && !single ? " (" + plural(results.size(), kind) + ")" : ""));
    for (UploadResult r : results) {
      switch (r.status()) {
        case UP_TO_DATE -> out.add(Kind + " " + shown.apply(r) + " is up to date (already exists in Conductor)");
        case DRIFTED -> {
          out.add("⚠ " + Kind + " " + shown.apply(r) + " differs from Conductor at the same version; not uploaded (onDrift="
              + onDrift.name().toLowerCase() + ")" + ":");
          r.differences().forEach(d -> out.add("    " + d));
        }
        case WOULD_UPLOAD -> out.add("Would upload " + kind + ": " + shown.apply(r) + (r.reason() == null ? "" : " (" + r.reason() + ")"));
        case UPLOADED -> out.add("✓ Uploaded " + kind + ": " + shown.apply(r));
        case FAILED -> {
          out.add("✗ Failed to upload " + kind + ": " + shown.apply(r));
          if (r.reason() != null) {
            r.reason().lines().forEach(l -> out.add("    " + l));
          }
        }
      }
    }
    List<UploadResult> attempted = results.stream()
        .filter(r -> r.status() == UploadResult.Status.UPLOADED || r.status() == UploadResult.Status.FAILED).toList();
    if (!attempted.isEmpty()) {
      out.add("");
      out.add(Kind + " upload results:");
      attempted.forEach(r -> out.add("  " + (r.failed() ? "✗ " : "✓ ") + shown.apply(r)));
    }
    long upToDate = count(UploadResult.Status.UP_TO_DATE);
    long drifted = count(UploadResult.Status.DRIFTED);
    if (upToDate > 0) {
      out.add("");
      out.add("Skipped " + plural(upToDate, kind) + " (already up to date)");
    }
    if (drifted > 0) {
      out.add((upToDate > 0 ? "" : "\n") + "Skipped " + plural(drifted, kind) + " that differ from Conductor (onDrift="
          + onDrift.name().toLowerCase() + "; use -Didflow.onDrift=overwrite to upload them)");
    }
    out.add("");
    out.add(summary());
    return out;
  }

  private String summary() {
    int total = results.size();
    long uploaded = count(UploadResult.Status.UPLOADED);
    long failedCount = count(UploadResult.Status.FAILED);
    if (dryRun) {
      long would = count(UploadResult.Status.WOULD_UPLOAD);
      return "Summary: dry run, nothing was uploaded; " + would + "/" + total + " " + kind + "s would be uploaded";
    }
    if (failed()) {
      return "Summary: " + uploaded + "/" + total + " " + kind + "s uploaded, " + failedCount + " failed"
          + (failure != null && failedCount == 0 ? " (" + failure.getMessage().lines().findFirst().orElse("") + ")" : "");
    }
    if (uploaded == 0 && count(UploadResult.Status.DRIFTED) == 0) {
      return "Summary: All " + total + " " + kind + "s are up to date";
    }
    return "Summary: " + uploaded + "/" + total + " " + kind + "s uploaded successfully";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
