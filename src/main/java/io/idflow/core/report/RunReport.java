package io.idflow.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine-readable record of one goal run against Conductor: what was checked and what happened
 * to each definition. {@link RunReportWriter} writes it as JSON and as JUnit XML; every string in
 * it goes through {@link Redaction} first, so a report never carries a secret.
 *
 * @param goal the goal, e.g. {@code check-missing}
 * @param conductorUrl the server, without user info, query or fragment
 * @param startedAt when the run started
 * @param duration how long it took
 * @param checked what was checked: parameters and counts, in insertion order
 * @param entries one per definition (or execution), in the order the goal added them
 * @param result how the run ended
 * @param message why it failed, or null
 * @param secrets values that must never appear in a written report (masked by the writer)
 */
public record RunReport(
    String goal,
    String conductorUrl,
    Instant startedAt,
    Duration duration,
    Map<String, Object> checked,
    List<Entry> entries,
    Result result,
    String message,
    Set<String> secrets) {

  /** The version of the JSON shape; raised when a field changes meaning or disappears. */
  public static final int SCHEMA_VERSION = 1;

  public RunReport {
    checked = Collections.unmodifiableMap(new LinkedHashMap<>(checked));
    entries = List.copyOf(entries);
    secrets = Set.copyOf(secrets);
  }

  /** How a run ended. */
  public enum Result {
    /** The goal did its job and found nothing the user must fix. */
    SUCCESS,
    /** The goal did its job and found a problem the user must fix (a build failure). */
    FAILURE,
    /** The goal could not do its job: server down, I/O, a bug (a build error). */
    ERROR
  }

  /**
   * What happened to one definition.
   *
   * @param kind {@code workflow}, {@code task} or {@code execution}
   * @param name the definition's name
   * @param version the workflow version, or null (task definitions, "any version" references)
   * @param outcome a lower-case word: {@code present}, {@code missing}, {@code drifted}, {@code
   *     uploaded}, {@code create}, ...; each goal documents its own
   * @param detail who needs it, the differing paths, the server's reason; may span lines; or null
   * @param failed whether CI should show it as a failed test
   */
  public record Entry(
      String kind, String name, Integer version, String outcome, String detail, boolean failed) {

    /** {@code workflow order_flow v3}, {@code task fetch_url}. */
    public String id() {
      return kind + " " + name + (version == null ? "" : " v" + version);
    }
  }

  public static Builder builder(String goal) {
    return new Builder(goal);
  }

  public long failedEntries() {
    return entries.stream().filter(Entry::failed).count();
  }

  /** How many entries have each outcome, sorted by outcome. */
  public Map<String, Long> outcomes() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    entries.forEach(e -> counts.merge(e.outcome(), 1L, Long::sum));
    return counts;
  }

  /**
   * Collects a run's report while the goal works. A goal adds entries and facts; the caller that
   * owns the run (the base Mojo) calls {@link #finish} once it knows how the run ended.
   */
  public static final class Builder {
    private final String goal;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, Object> checked = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> secrets = new TreeSet<>();
    private String conductorUrl;

    private Builder(String goal) {
      this.goal = goal;
    }

    /** The server the run talks to; user info, query and fragment are dropped. */
    public Builder conductorUrl(String url) {
      this.conductorUrl = Redaction.url(url);
      return this;
    }

    /**
     * Records one fact about what was checked: a parameter in force or a count. Null values are
     * left out.
     */
    public Builder checked(String key, Object value) {
      if (value != null) {
        checked.put(key, value);
      }
      return this;
    }

    public Builder add(Entry entry) {
      entries.add(entry);
      return this;
    }

    public Builder addAll(List<Entry> more) {
      entries.addAll(more);
      return this;
    }

    /** A value (a token, a password) that the writer must mask wherever it would appear. */
    public Builder secret(String value) {
      if (value != null && !value.isEmpty()) {
        secrets.add(value);
      }
      return this;
    }

    /** The finished report. */
    public RunReport finish(Result result, String message) {
      return new RunReport(
          goal,
          conductorUrl,
          startedAt,
          Duration.ofNanos(System.nanoTime() - startNanos),
          checked,
          entries,
          result,
          message,
          secrets);
    }
  }
}
