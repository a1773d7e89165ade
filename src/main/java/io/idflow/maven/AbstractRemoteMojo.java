package io.idflow.maven;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.outcome.Outcome;
import io.idflow.core.report.RunReport;
import io.idflow.core.report.RunReportWriter;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that talks to a Conductor server: its URL, credentials, timeouts, retries, TLS, and the
 * proxy of {@code settings.xml}.
 *
 * <p>In Maven's offline mode ({@code mvn -o}) these goals fail at once instead of waiting for a
 * network, unless the server is on this machine ({@code localhost}, {@code 127.0.0.1}, {@code
 * ::1}), such as the one {@code start-server} runs.
 *
 * <p>Every such goal leaves a report of its run in {@code ${project.build.directory}/idflow/}: a
 * goal adds what it checked and its per-definition outcomes to {@link #report()}, and this class
 * writes the files however the run ended.
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
   * The {@code <server>} of {@code settings.xml} that holds the credentials (encrypted passwords
   * work). With a {@code username} and {@code password}: an Orkes key id and secret; with only a
   * {@code password}: a token. Without it: the environment's {@code CONDUCTOR_AUTH_KEY} and {@code
   * CONDUCTOR_AUTH_SECRET}, else {@code CONDUCTOR_AUTH_TOKEN}; settings.xml wins over the
   * environment.
   */
  @Parameter(property = IdflowProperties.SERVER_ID)
  protected String serverId;

  /**
   * How to authenticate: {@code auto} (a key id and secret use the Orkes token flow, a secret alone
   * is a bearer token, nothing sends nothing), {@code none}, {@code bearer}, {@code basic} (HTTP
   * basic auth, for a gateway) or {@code orkes} ({@code POST /api/token}, then {@code
   * X-Authorization}; a 404 there means an open server).
   */
  @Parameter(property = IdflowProperties.AUTH, defaultValue = "auto")
  protected String auth;

  /** Seconds to wait for a connection to the server; 0 waits forever. */
  @Parameter(
      property = IdflowProperties.CONNECT_TIMEOUT,
      defaultValue = "" + ConductorClient.DEFAULT_CONNECT_TIMEOUT_SECONDS)
  protected int connectTimeout;

  /** Seconds to wait for each answer of the server; 0 waits forever. */
  @Parameter(
      property = IdflowProperties.READ_TIMEOUT,
      defaultValue = "" + ConductorClient.DEFAULT_READ_TIMEOUT_SECONDS)
  protected int readTimeout;

  /**
   * How many times a request that may safely be repeated (reads, bulk updates, validations; never
   * starting a workflow) is sent again after a network error, 408, 429, 502, 503 or 504, with
   * exponential backoff and jitter, or as the server's {@code Retry-After} asks. 0 turns retries
   * off.
   */
  @Parameter(
      property = IdflowProperties.RETRIES,
      defaultValue = "" + ConductorClient.DEFAULT_RETRIES)
  protected int retries;

  /**
   * The largest answer the plugin reads from the server, in MiB. A larger one fails the goal with a
   * message rather than run the build out of memory; a listing of thousands of workflows in many
   * versions can take hundreds of MiB.
   */
  @Parameter(
      property = IdflowProperties.MAX_ANSWER_SIZE,
      defaultValue = "" + ConductorClient.DEFAULT_MAX_ANSWER_MIB)
  protected int maxAnswerSize = ConductorClient.DEFAULT_MAX_ANSWER_MIB;

  /**
   * A trust store (PKCS12 or JKS) with the CA of a server whose certificate the JVM does not trust.
   * Replaces the JVM's.
   */
  @Parameter(property = IdflowProperties.TRUST_STORE)
  protected File trustStore;

  /**
   * The password of {@code trustStore}. Maven prints parameter values under {@code -X}: give it
   * encrypted ({@code mvn --encrypt-password}), as settings.xml passwords are, or leave it unset
   * and put it in the environment variable {@code IDFLOW_TRUST_STORE_PASSWORD}.
   */
  @Parameter(property = IdflowProperties.TRUST_STORE_PASSWORD)
  protected String trustStorePassword;

  /**
   * A key store (PKCS12 or JKS) with the client certificate and key for servers that require mutual
   * TLS.
   */
  @Parameter(property = IdflowProperties.KEY_STORE)
  protected File keyStore;

  /**
   * The password of {@code keyStore} and of the key in it. Maven prints parameter values under
   * {@code -X}: give it encrypted ({@code mvn --encrypt-password}), as settings.xml passwords are,
   * or leave it unset and put it in the environment variable {@code IDFLOW_KEY_STORE_PASSWORD}.
   */
  @Parameter(property = IdflowProperties.KEY_STORE_PASSWORD)
  protected String keyStorePassword;

  /**
   * Accepts any TLS certificate and host name, with a warning. For test servers only: never in
   * production.
   */
  @Parameter(property = IdflowProperties.INSECURE, defaultValue = "false")
  protected boolean insecure;

  /**
   * Writes {@code ${project.build.directory}/idflow/<goal>.json} (what was checked and each
   * definition's outcome, with a {@code schemaVersion}) and {@code TEST-idflow-<goal>.xml} (JUnit
   * XML, one testcase per definition) so CI servers show the run like test results.
   */
  @Parameter(property = IdflowProperties.REPORTS, defaultValue = "true")
  protected boolean reports;

  /** This execution, for the goal's name in the report file names. */
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

  /**
   * Where {@link #conductorUrl()} came from: the command line, a project property (the POM's, or
   * the one {@code start-server} sets), the parameter, the environment, or the default.
   */
  protected String conductorUrlSource() {
    if (conductorUrl != null && !conductorUrl.isBlank()) {
      String value = conductorUrl.trim();
      if (session != null
          && value.equals(
              trimmed(session.getUserProperties().getProperty(IdflowProperties.CONDUCTOR_URL)))) {
        return "-D" + IdflowProperties.CONDUCTOR_URL;
      }
      if (session != null
          && session.getCurrentProject() != null
          && value.equals(
              trimmed(
                  session
                      .getCurrentProject()
                      .getProperties()
                      .getProperty(IdflowProperties.CONDUCTOR_URL)))) {
        return "the project property " + IdflowProperties.CONDUCTOR_URL;
      }
      return "the conductorUrl parameter";
    }
    String env = System.getenv(URL_ENV);
    return env != null && !env.isBlank()
        ? "the environment variable " + URL_ENV
        : "the default: no conductorUrl parameter, no " + URL_ENV;
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }

  protected ConductorClient client() {
    ConnectionFactory factory = connectionFactory(new MavenLog(getLog(), this::masked));
    // Whatever message reaches the report, the secrets this client may send are masked in it.
    factory.credentials(serverId).ifPresent(c -> report().secret(c.secret()));
    report()
        .secret(factory.storePassword(ConnectionFactory.Store.TRUST, trustStorePassword))
        .secret(factory.storePassword(ConnectionFactory.Store.KEY, keyStorePassword));
    ConductorClient client =
        factory.client(
            conductorUrl(),
            new ConnectionFactory.Options(
                serverId,
                auth,
                connectTimeout,
                readTimeout,
                retries,
                trustStore,
                trustStorePassword,
                keyStore,
                keyStorePassword,
                insecure,
                maxAnswerSize));
    if (getLog().isDebugEnabled()) {
      debugServerInfo(client);
    }
    return client;
  }

  /**
   * Under {@code -X}: what the server offers, as the probe found it. A probe that fails leaves the
   * goal to meet the same failure and report it its own way.
   */
  private void debugServerInfo(ConductorClient client) {
    try {
      client.serverInfo().lines().forEach(l -> getLog().debug("Conductor probe: " + l));
    } catch (RuntimeException e) {
      getLog().debug("Conductor probe failed: " + masked(e.getMessage()));
    }
  }

  /** Adds the outcome's facts and entries to this run's report. */
  @Override
  protected void record(Outcome outcome) {
    outcome.facts().forEach(report()::checked);
    report().addAll(outcome.entries());
  }

  /**
   * This run's report: add what was checked and one entry per definition; it is written when the
   * run ends.
   */
  protected RunReport.Builder report() {
    if (report == null) {
      report = RunReport.builder(goal());
    }
    return report;
  }

  /**
   * The goal's name: from the execution, else from the class name ({@code CheckMissingMojo} is
   * check-missing).
   */
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
    secretValues().forEach(builder::secret);
    report = null;
    if (!reports || buildDirectory == null) {
      return;
    }
    RunReport.Result result =
        failure == null
            ? RunReport.Result.SUCCESS
            : failure instanceof MojoFailureException
                ? RunReport.Result.FAILURE
                : RunReport.Result.ERROR;
    RunReport done =
        builder
            .conductorUrl(conductorUrl())
            .finish(result, failure == null ? null : failure.getMessage());
    try {
      RunReportWriter.Written written =
          RunReportWriter.write(done, buildDirectory.toPath().resolve("idflow"));
      getLog().debug("idflow report: " + written.json() + ", " + written.junit());
    } catch (UncheckedIOException e) {
      if (failure != null) {
        getLog().warn(e.getMessage());
        return;
      }
      throw new MojoExecutionException(
          e.getMessage() + " (set -D" + IdflowProperties.REPORTS + "=false to write none)", e);
    }
  }
}
