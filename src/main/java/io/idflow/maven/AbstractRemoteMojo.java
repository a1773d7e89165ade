package io.idflow.maven;

import io.idflow.core.client.ConductorClient;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that talks to a Conductor server. */
public abstract class AbstractRemoteMojo extends AbstractIdflowMojo {
  static final String DEFAULT_URL = "http://localhost:8080";
  static final String URL_ENV = "CONDUCTOR_SERVER_URL";

  /**
   * The Conductor server, with or without the trailing {@code /api}. When not set: the environment
   * variable {@code CONDUCTOR_SERVER_URL}, else {@code http://localhost:8080}. {@code start-server}
   * sets it for the rest of the build.
   */
  @Parameter(property = IdflowProperties.CONDUCTOR_URL)
  protected String conductorUrl;

  /** The URL in force: the parameter, else the environment, else the default. */
  protected String conductorUrl() {
    if (conductorUrl != null && !conductorUrl.isBlank()) {
      return conductorUrl.trim();
    }
    String env = System.getenv(URL_ENV);
    return env != null && !env.isBlank() ? env.trim() : DEFAULT_URL;
  }

  protected ConductorClient client() {
    return ConductorClient.create(conductorUrl());
  }
}
