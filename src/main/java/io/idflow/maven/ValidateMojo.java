package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.goal.Validate;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks every local workflow and task definition offline, with the server's own rules, and reports
 * all problems at once: the build fails if any is an error.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractIdflowMojo {

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
   * Validates {@code ownerEmail} as servers running with {@code
   * conductor.app.ownerEmailMandatory=true} do: a definition without one is an error.
   */
  @Parameter(property = IdflowProperties.OWNER_EMAIL_MANDATORY, defaultValue = "false")
  protected boolean ownerEmailMandatory;

  @Override
  protected File definitionsDirectory() {
    return directory;
  }

  @Override
  protected Outcome outcome(IdflowLog log) {
    return Validate.run(localFiles(directory), ownerEmail, ownerEmailMandatory);
  }
}
