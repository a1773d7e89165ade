package io.idflow.core.outcome;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.ConductorException;
import io.idflow.core.model.Kind;
import io.idflow.core.plan.DriftPolicy;
import io.idflow.core.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outcome of {@code upload-workflows} and {@code sync-tasks}: a result per definition, and the
 * reason the run failed, if it did.
 *
 * @param kind what was uploaded
 * @param files how many definition files of that kind were read
 * @param single whether exactly one definition name was selected
 * @param dryRun whether nothing was written on purpose
 * @param onDrift the drift policy in force
 * @param results one per selected definition, sorted by name and version
 * @param cause why the run failed (server rejection, server down, drift under {@code fail}), or
 *     null
 * @param server the server's URL, for messages
 */
public record UploadOutcome(
    Kind kind,
    int files,
    boolean single,
    boolean dryRun,
    DriftPolicy onDrift,
    List<UploadResult> results,
    RuntimeException cause,
    String server)
    implements Outcome {

  public UploadOutcome {
    results = List.copyOf(results);
  }

  @Override
  public Optional<Failure> failure() {
    if (!failed()) {
      return Optional.empty();
    }
    if (cause instanceof IdflowException drift) {
      return Optional.of(
          Failure.user(drift.getMessage(), drift)); // says itself that nothing was uploaded
    }
    String message = outcome() + (cause == null ? "" : "; " + cause.getMessage());
    if (serverUnavailable()) {
      return Optional.of(
          Failure.server(
              "Conductor at "
                  + server
                  + " could not take the "
                  + (kind == Kind.WORKFLOW
                      ? "upload"
                      : kind == Kind.TASK ? "task definitions" : kind.label() + "s")
                  + ": "
                  + message,
              cause));
    }
    return Optional.of(Failure.user(message, cause));
  }

  public boolean failed() {
    return cause != null || results.stream().anyMatch(UploadResult::failed);
  }

  /** The failure is the server's (down, 5xx) rather than the user's. */
  public boolean serverUnavailable() {
    return cause instanceof ConductorException c && c.isUnavailable();
  }

  public long count(UploadResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** Writes the report as a user reads it, in the form of ID Flow's {@code workflow upload}. */
  @Override
  public void render(IdflowLog log) {
    String kind = this.kind.label();
    Map<String, Long> versionsPerName =
        results.stream().collect(Collectors.groupingBy(UploadResult::name, Collectors.counting()));
    Function<UploadResult, String> shown =
        r -> versionsPerName.get(r.name()) > 1 ? r.name() + " v" + r.version() : r.name();
    String title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    if (!single) {
      log.info(
          "Found "
              + plural(files, kind + " file")
              + (results.size() != files ? " (" + plural(results.size(), kind) + ")" : ""));
    }
    for (UploadResult r : results) {
      switch (r.status()) {
        case UP_TO_DATE ->
            log.info(title + " " + shown.apply(r) + " is up to date (already exists in Conductor)");
        case DRIFTED -> {
          log.warn(
              "⚠ "
                  + title
                  + " "
                  + shown.apply(r)
                  + " differs from Conductor at the same version (onDrift="
                  + policy()
                  + "), not uploaded; remote -> local:");
          r.differences().forEach(d -> log.warn("    " + d));
        }
        case WOULD_UPLOAD ->
            log.info("Would upload " + kind + ": " + shown.apply(r) + " (" + r.reason() + ")");
        case UPLOADED -> log.info("✓ Uploaded " + kind + ": " + shown.apply(r));
        case CREATED -> log.info("✓ Created " + kind + ": " + shown.apply(r));
        case UPDATED ->
            log.info(
                "✓ Updated "
                    + kind
                    + ": "
                    + shown.apply(r)
                    + (r.differences().isEmpty()
                        ? " (forced, no changes)"
                        : " (changed: "
                            + r.differences().stream()
                                .map(d -> d.path())
                                .collect(Collectors.joining(", "))
                            + ")"));
        case FAILED -> {
          log.error("✗ Failed to upload " + kind + ": " + shown.apply(r));
          if (r.reason() != null) {
            r.reason().lines().forEach(l -> log.error("    " + l));
          }
        }
      }
    }
    List<UploadResult> attempted = results.stream().filter(r -> r.written() || r.failed()).toList();
    if (!attempted.isEmpty()) {
      log.info("");
      log.info(title + " upload results:");
      attempted.forEach(r -> log.info("  " + (r.failed() ? "✗ " : "✓ ") + shown.apply(r)));
    }
    long upToDate = count(UploadResult.Status.UP_TO_DATE);
    long drifted = count(UploadResult.Status.DRIFTED);
    if (upToDate > 0 || drifted > 0) {
      log.info("");
    }
    if (upToDate > 0) {
      log.info("Skipped " + plural(upToDate, kind) + " (already up to date)");
    }
    if (drifted > 0) {
      log.warn(
          "Skipped "
              + plural(drifted, kind)
              + " that "
              + differ(drifted)
              + " from Conductor (onDrift="
              + policy()
              + "): bump the version, or use -Didflow.onDrift=overwrite to replace the server's"
              + " copy");
    }
    log.info("");
    if (failed()) {
      log.error(summary());
    } else {
      log.info(summary());
    }
  }

  /**
   * One report entry per definition, the outcome being the status in lower case with dashes ({@code
   * uploaded}, {@code up-to-date}, {@code drifted}, {@code would-upload}, {@code failed}); failed
   * writes, and drift under {@code onDrift=fail}, are failed tests.
   */
  @Override
  public List<RunReport.Entry> entries() {
    String kind = this.kind.label();
    return results.stream()
        .map(
            r -> {
              List<String> detail = new ArrayList<>();
              if (r.reason() != null) {
                detail.add(r.reason());
              }
              r.differences().forEach(d -> detail.add(d.toString()));
              boolean failed =
                  r.failed()
                      || (r.status() == UploadResult.Status.DRIFTED && onDrift == DriftPolicy.FAIL);
              return new RunReport.Entry(
                  kind,
                  r.name(),
                  this.kind.versioned() ? r.version() : null,
                  r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                  detail.isEmpty() ? null : String.join("\n", detail),
                  failed);
            })
        .toList();
  }

  private String policy() {
    return onDrift.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The last line: what was uploaded out of how many. Never claims success when something failed.
   */
  public String summary() {
    String kind = this.kind.label();
    int total = results.size();
    long uploaded = results.stream().filter(UploadResult::written).count();
    long created = count(UploadResult.Status.CREATED);
    long updated = count(UploadResult.Status.UPDATED);
    String split =
        created + updated == 0 ? "" : " (" + created + " created, " + updated + " updated)";
    long failedCount = count(UploadResult.Status.FAILED);
    long drifted = count(UploadResult.Status.DRIFTED);
    if (dryRun) {
      return "Summary: dry run, nothing was uploaded; "
          + count(UploadResult.Status.WOULD_UPLOAD)
          + "/"
          + total
          + " "
          + kind
          + "s would be uploaded"
          + (drifted > 0 ? ", " + drifted + " " + differ(drifted) + " from Conductor" : "");
    }
    if (failed()) {
      return "Summary: "
          + uploaded
          + "/"
          + total
          + " "
          + kind
          + "s uploaded"
          + split
          + ", "
          + (failedCount > 0 ? failedCount + " failed" : "")
          + (failedCount > 0 && drifted > 0 ? ", " : "")
          + (drifted > 0 ? drifted + " " + differ(drifted) + " from Conductor" : "");
    }
    if (uploaded == 0 && drifted == 0) {
      return "Summary: All " + total + " " + kind + "s are up to date";
    }
    return "Summary: "
        + uploaded
        + "/"
        + total
        + " "
        + kind
        + "s uploaded successfully"
        + split
        + (drifted > 0
            ? ", "
                + drifted
                + " "
                + differ(drifted)
                + " from Conductor and "
                + (drifted == 1 ? "was" : "were")
                + " skipped"
            : "");
  }

  /**
   * A failed run in one line, for the build's failure: what was written out of how many, and which
   * were not, e.g. {@code 0/3 workflows uploaded, 2 failed: bravo v1, charlie v1}.
   */
  public String outcome() {
    List<String> failed =
        results.stream()
            .filter(UploadResult::failed)
            .map(r -> kind.versioned() ? r.name() + " v" + r.version() : r.name())
            .toList();
    return summary().replaceFirst("^Summary: ", "")
        + (failed.isEmpty() ? "" : ": " + String.join(", ", failed));
  }

  private static String differ(long n) {
    return n == 1 ? "differs" : "differ";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
