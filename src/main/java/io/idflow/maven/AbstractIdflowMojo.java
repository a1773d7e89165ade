package io.idflow.maven;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorException;
import io.idflow.core.outcome.Failure;
import io.idflow.core.outcome.NothingDone;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

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
      conclude(new MavenLog(getLog()));
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

  private void conclude(MavenLog log) throws MojoExecutionException, MojoFailureException {
    Outcome outcome;
    try {
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
  private static MojoExecutionException fail(Failure failure)
      throws MojoExecutionException, MojoFailureException {
    String message = Texts.printableLines(failure.message());
    if (failure.blame() == Failure.Blame.USER) {
      throw new MojoFailureException(message, failure.cause());
    }
    throw new MojoExecutionException(message, failure.cause());
  }
}
