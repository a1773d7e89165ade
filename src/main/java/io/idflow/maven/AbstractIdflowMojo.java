package io.idflow.maven;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorException;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Owns the flow of every definitions goal: skip check, the definitions directory, the call into
 * the core, and the translation of its exceptions into Maven's two kinds of failure.
 */
public abstract class AbstractIdflowMojo extends AbstractMojo {

  /** Skips the goal. */
  @Parameter(property = IdflowProperties.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * The definitions directory: workflow definitions in {@code workflows/**}{@code /*.json}, task
   * definitions in {@code tasks/**}{@code /*.json}. A module without it is skipped, so a parent POM
   * can bind the plugin for every module.
   */
  @Parameter(property = IdflowProperties.DIRECTORY, defaultValue = "${project.basedir}/idflow")
  protected File directory;

  /** Sets this {@code ownerEmail} on every definition that has none (the files are not changed). */
  @Parameter(property = IdflowProperties.OWNER_EMAIL)
  protected String ownerEmail;

  /**
   * Validates {@code ownerEmail} as servers running with {@code conductor.app.ownerEmailMandatory=true}
   * do: a definition without one is an error.
   */
  @Parameter(property = IdflowProperties.OWNER_EMAIL_MANDATORY, defaultValue = "false")
  protected boolean ownerEmailMandatory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping: " + IdflowProperties.SKIP + "=true");
      return;
    }
    if (needsDirectory() && !directory.isDirectory()) {
      getLog().info("No definitions directory " + directory + ": nothing to do");
      return;
    }
    try {
      translated(new MavenLog(getLog()));
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
   * Called once after {@link #run} with how it ended: null, the translated {@link
   * MojoFailureException} or {@link MojoExecutionException}, or an unexpected runtime exception.
   * Not called when the goal is skipped. Throwing here fails a run that had succeeded; after a
   * failed run, what it throws is attached to the run's exception as suppressed.
   */
  protected void finished(Exception failure) throws MojoExecutionException {}

  private void translated(MavenLog log) throws MojoExecutionException, MojoFailureException {
    try {
      run(log);
    } catch (MojoFailureException e) {
      String shown = Texts.printableLines(e.getMessage());
      throw java.util.Objects.equals(shown, e.getMessage()) ? e : new MojoFailureException(shown, e.getCause());
    } catch (MojoExecutionException e) {
      String shown = Texts.printableLines(e.getMessage());
      throw java.util.Objects.equals(shown, e.getMessage()) ? e : new MojoExecutionException(shown, e.getCause());
    } catch (IdflowException | IllegalArgumentException e) {
      throw new MojoFailureException(Texts.printableLines(e.getMessage()), e);
    } catch (ConductorException e) {
      if (e.isRejection()) {
        throw new MojoFailureException(Texts.printableLines(e.getMessage()), e);
      }
      throw new MojoExecutionException(Texts.printableLines(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(Texts.printableLines(e.getMessage()), e);
    }
  }

  /** Whether the goal works on the definitions directory (and is skipped without it). */
  protected boolean needsDirectory() {
    return true;
  }

  /** The goal's work. Core exceptions are translated by {@link #execute()}. */
  protected abstract void run(IdflowLog log) throws MojoExecutionException, MojoFailureException;
}
