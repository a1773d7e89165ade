package io.idflow.core.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Conductor server offers, as one probe found it ({@link ConductorClient#serverInfo()}): its
 * version, whether it is Orkes, and which optional endpoints answer.
 *
 * @param version what {@code GET /api/version} answers; empty when the server has no such endpoint
 *     (conductor-oss before 3.22) or did not say
 * @param versionEndpoint how {@code GET /api/version} answered
 * @param orkes the Orkes endpoint asked ({@code GET /api/applications}): it answers on Orkes only
 * @param endpoints the optional endpoints asked, in a fixed order
 */
public record ServerInfo(
    Optional<String> version, Endpoint versionEndpoint, Endpoint orkes, List<Endpoint> endpoints) {

  /** The optional endpoints' names. */
  public static final String SECRETS = "secrets";

  public static final String ENVIRONMENT = "environment values";
  public static final String SCHEDULER = "scheduler";
  public static final String NAMES_AND_VERSIONS = "workflow names and versions";

  /** What {@link #versionText()} says of a server without {@code /api/version}. */
  public static final String NO_VERSION = "unknown (no /api/version: conductor-oss before 3.22)";

  public ServerInfo {
    endpoints = List.copyOf(endpoints);
  }

  /** Whether an endpoint answered. */
  public enum Availability {
    /** A 2xx with JSON. */
    YES,
    /** A 404: the server has no such endpoint, or has it turned off. */
    NO,
    /** Anything else (401, 403, 5xx, a page that is not JSON): the probe cannot tell. */
    UNKNOWN
  }

  /**
   * One endpoint asked.
   *
   * @param name what it serves, as users know it ({@code secrets})
   * @param route {@code GET /api/secrets}
   * @param availability whether it answered
   * @param detail why the probe cannot tell, for {@link Availability#UNKNOWN}; else null
   */
  public record Endpoint(String name, String route, Availability availability, String detail) {

    public boolean answers() {
      return availability == Availability.YES;
    }

    /** {@code yes}, {@code no (404)} or {@code unknown (answered 403: ...)}. */
    public String shown() {
      return switch (availability) {
        case YES -> "yes";
        case NO -> "no (404)";
        case UNKNOWN -> "unknown (" + detail + ")";
      };
    }
  }

  /** The version, {@link #NO_VERSION}, or why the probe cannot tell. */
  public String versionText() {
    if (version.isPresent()) {
      return version.get();
    }
    return versionEndpoint.availability() == Availability.NO
        ? NO_VERSION
        : "unknown (" + versionEndpoint.route() + " " + versionEndpoint.detail() + ")";
  }

  /**
   * Whether the server is Orkes, with the reason: only a JSON answer from an Orkes-only endpoint
   * says yes, only a 404 there says no; anything else is "not detected" rather than a guess.
   */
  public String orkesText() {
    return switch (orkes.availability()) {
      case YES -> "yes (" + orkes.route() + " answers: an Orkes endpoint)";
      case NO -> "no (" + orkes.route() + ", an Orkes endpoint, answers 404)";
      case UNKNOWN -> "not detected (" + orkes.route() + ": " + orkes.detail() + ")";
    };
  }

  /** The endpoint named {@code name}, if the probe asked it. */
  public Optional<Endpoint> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The probe's findings, one line each, for a debug log. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Conductor version: " + versionText());
    lines.add("Orkes: " + orkesText());
    for (Endpoint e : endpoints) {
      lines.add(e.name() + " (" + e.route() + "): " + e.shown());
    }
    return lines;
  }
}
