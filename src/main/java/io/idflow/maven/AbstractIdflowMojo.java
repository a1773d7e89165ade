package io.idflow.maven;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.local.Placeholders;
import io.idflow.core.outcome.Failure;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Owns the flow of every goal that works on definitions: the skip check, the definitions directory,
 * the call into the core for an {@link Outcome}, and the one place where an outcome's failure, or a
 * core exception, becomes one of Maven's two kinds: {@link MojoFailureException} when the user must
 * fix something, {@link MojoExecutionException} when the build could not do its job.
 */
public abstract class AbstractIdflowMojo extends AbstractMojo {

  /** Skips the goal. */
  @Parameter(property = IdflowProperties.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * Reuse validation results: the goals of one build validate each state of the definitions once,
   * and a later build reuses the results kept in {@code target/idflow/validated/}. They are keyed
   * by the definitions' content, the placeholder values, the options and the plugin's build, so a
   * change anywhere validates again. {@code false} validates every time.
   */
  @Parameter(property = IdflowProperties.VALIDATION_CACHE, defaultValue = "true")
  protected boolean validationCache;

  /** The build directory: reports go to its {@code idflow/} folder, validation results below it. */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  protected File buildDirectory;

  /**
   * Values for {@code @{name}} placeholders in the definition files, for goals that read them: a
   * Maven profile per environment can set its own. A placeholder is replaced after a file is read
   * and before it is validated, compared or uploaded; the files are never changed. A value comes
   * from the first source that has it: this map (with {@code placeholderServers} and {@code
   * placeholderEnvironment}), then {@code -Didflow.placeholder.<name>=value}, then {@code
   * placeholderFile}. A string that is exactly one placeholder takes the value's JSON type when the
   * value is a number, {@code true} or {@code false}; {@code @@{} writes {@code @{} itself.
   */
  @Parameter protected Map<String, String> placeholders;

  /**
   * Placeholder values that are passwords of settings.xml {@code <server>}s, encrypted ones
   * included: placeholder name to server id. These values are secret: masked in every log line,
   * message and report.
   */
  @Parameter protected Map<String, String> placeholderServers;

  /**
   * Placeholder values read from environment variables: placeholder name to variable name. List the
   * secret ones in {@code secretPlaceholders}.
   */
  @Parameter protected Map<String, String> placeholderEnvironment;

  /** A properties file ({@code name=value} lines, UTF-8) of placeholder values, the last source. */
  @Parameter(property = IdflowProperties.PLACEHOLDER_FILE)
  protected File placeholderFile;

  /**
   * Placeholder names, comma-separated, whose values are secret: masked as {@code ****} in every
   * log line, message, diff and report.
   */
  @Parameter(property = IdflowProperties.SECRET_PLACEHOLDERS)
  protected String secretPlaceholders;

  /** What begins a placeholder. Never {@code ${}: that is Conductor's own syntax. */
  @Parameter(
      property = IdflowProperties.PLACEHOLDER_PREFIX,
      defaultValue = Placeholders.DEFAULT_PREFIX)
  protected String placeholderPrefix = Placeholders.DEFAULT_PREFIX;

  /** What ends a placeholder. */
  @Parameter(
      property = IdflowProperties.PLACEHOLDER_SUFFIX,
      defaultValue = Placeholders.DEFAULT_SUFFIX)
  protected String placeholderSuffix = Placeholders.DEFAULT_SUFFIX;

  @Parameter(defaultValue = "${session}", readonly = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true)
  protected Settings settings;

  /**
   * Maven's decrypter for {@code {...}} passwords; injected as the maven-plugin-tools 3.15 docs ask
   * instead of {@code @Component}.
   */
  @Inject protected SettingsDecrypter settingsDecrypter;

  private Placeholders placeholderValues;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping: " + IdflowProperties.SKIP + "=true");
      return;
    }
    File directory = definitionsDirectory();
    if (directory != null && !directory.isDirectory()) {
      getLog().info("No definitions directory " + directory + ": nothing to do");
      return;
    }
    try {
      conclude();
    } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
      try {
        finished(e);
      } catch (MojoExecutionException | RuntimeException f) {
        // The run's own failure is what the user must see; the hook's comes along with it.
        e.addSuppressed(f);
      }
      throw e;
    }
    finished(null);
  }

  /**
   * The goal's work: its parameters into the core, its outcome back. Core exceptions are translated
   * by {@link #execute()}.
   */
  protected abstract Outcome outcome(IdflowLog log) throws MojoFailureException;

  /**
   * The definitions directory the goal works on (a module without it is skipped), or null when it
   * works on none.
   */
  protected File definitionsDirectory() {
    return null;
  }

  /** Keeps the outcome for the run's report; called before it is rendered. */
  protected void record(Outcome outcome) {}

  /**
   * Called once after the run with how it ended: null, the {@link MojoFailureException} or {@link
   * MojoExecutionException} it ended with, or an unexpected runtime exception. Not called when the
   * goal is skipped. Throwing here fails a run that had succeeded; after a failed run, what it
   * throws is attached to the run's exception as suppressed.
   */
  protected void finished(Exception failure) throws MojoExecutionException {}

  /**
   * The definition files of {@code directory} with this build's placeholder values. The values are
   * gathered once per goal; a configuration error is an {@link IdflowException}.
   */
  protected LocalFiles localFiles(File directory) {
    return new LocalFiles(
        directory.toPath(),
        placeholders(),
        validationCache && buildDirectory != null
            ? buildDirectory.toPath().resolve("idflow").resolve("validated")
            : null);
  }

  /** This build's placeholder values, gathered on first use. */
  protected Placeholders placeholders() {
    if (placeholderValues == null) {
      Map<String, String> userProperties = new java.util.HashMap<>();
      if (session != null) {
        session
            .getUserProperties()
            .forEach((k, v) -> userProperties.put(String.valueOf(k), String.valueOf(v)));
      }
      placeholderValues =
          PlaceholderValues.of(
              placeholderPrefix,
              placeholderSuffix,
              placeholders,
              placeholderServers,
              placeholderEnvironment,
              userProperties,
              placeholderFile,
              secretPlaceholders,
              System.getenv(),
              connectionFactory(new MavenLog(getLog(), UnaryOperator.identity())));
    }
    return placeholderValues;
  }

  /** Reads settings.xml servers and proxies, decrypting their passwords. */
  ConnectionFactory connectionFactory(IdflowLog log) {
    return new ConnectionFactory(settings, settingsDecrypter, System.getenv(), log);
  }

  /**
   * The values that nothing the goal shows may contain: the secret placeholder values (gathered
   * before the goal ran, else none).
   */
  protected List<String> secretValues() {
    return placeholderValues == null ? List.of() : placeholderValues.secretValues();
  }

  /** {@code text} with every secret value masked. */
  protected String masked(String text) {
    return placeholderValues == null ? text : placeholderValues.mask(text);
  }

  private void conclude() throws MojoExecutionException, MojoFailureException {
    Outcome outcome;
    MavenLog log = new MavenLog(getLog(), this::masked);
    try {
      if (definitionsDirectory() != null) {
        placeholders();
        log.debug(placeholderValues.describe());
      }
      outcome = outcome(log);
    } catch (NothingDone e) {
      throw fail(e.failure());
    } catch (IdflowException e) {
      throw fail(Failure.user(e.getMessage(), e));
    } catch (ConductorException e) {
      throw fail(Failure.of(e.getMessage(), e));
    } catch (UncheckedIOException e) {
      throw fail(Failure.server(e.getMessage(), e));
    }
    record(outcome);
    outcome.render(log);
    Optional<Failure> failure = outcome.failure();
    if (failure.isPresent()) {
      throw fail(failure.get());
    }
  }

  /**
   * Throws the Maven exception for {@code failure}: whose fault it is decides the kind. Control
   * characters are shown escaped. Declared to return one so that callers can {@code throw} it and
   * the compiler sees the flow end.
   */
  private MojoExecutionException fail(Failure failure)
      throws MojoExecutionException, MojoFailureException {
    String message = masked(Texts.printableLines(failure.message()));
    if (failure.blame() == Failure.Blame.USER) {
      throw new MojoFailureException(message, failure.cause());
    }
    throw new MojoExecutionException(message, failure.cause());
  }
}
