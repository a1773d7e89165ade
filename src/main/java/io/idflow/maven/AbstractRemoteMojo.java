package io.idflow.maven;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.report.RunReport;
import io.idflow.core.report.RunReportWriter;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that talks to a Conductor server. Every such goal leaves a report of its run in
 * {@code ${project.build.directory}/idflow/}: a goal adds what it checked and its per-definition
 * outcomes to {@link #report()}, and this class writes the files however the run ended.
 */
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

  /**
   * Writes {@code ${project.build.directory}/idflow/<goal>.json} (what was checked and each
   * definition's outcome, with a {@code schemaVersion}) and {@code TEST-idflow-<goal>.xml} (JUnit
   * XML, one testcase per definition) so CI servers show the run like test results.
   */
  @Parameter(property = IdflowProperties.REPORTS, defaultValue = "true")
  protected boolean reports;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  protected File buildDirectory;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  protected MojoExecution mojoExecution;

  private RunReport.Builder report;

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

  /** This run's report: add what was checked and one entry per definition; it is written when the run ends. */
  protected RunReport.Builder report() {
    if (report == null) {
      report = RunReport.builder(goal());
    }
    return report;
  }

  /** The goal's name: from the execution, else from the class name ({@code CheckMissingMojo} is check-missing). */
  protected String goal() {
    if (mojoExecution != null && mojoExecution.getGoal() != null) {
      return mojoExecution.getGoal();
    }
    String simple = getClass().getSimpleName().replaceFirst("Mojo$", "");
    return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  protected void finished(Exception failure) throws MojoExecutionException {
    RunReport.Builder builder = report();
    report = null;
    if (!reports || buildDirectory == null) {
      return;
    }
    RunReport.Result result = failure == null ? RunReport.Result.SUCCESS
        : failure instanceof MojoFailureException ? RunReport.Result.FAILURE : RunReport.Result.ERROR;
    RunReport done = builder.conductorUrl(conductorUrl()).finish(result, failure == null ? null : failure.getMessage());
    try {
      RunReportWriter.Written written = RunReportWriter.write(done, buildDirectory.toPath().resolve("idflow"));
      getLog().debug("idflow report: " + written.json() + ", " + written.junit());
    } catch (UncheckedIOException e) {
      if (failure != null) {
        getLog().warn(e.getMessage());
        return;
      }
      throw new MojoExecutionException(e.getMessage() + " (set -D" + IdflowProperties.REPORTS + "=false to write none)", e);
    }
  }
}
