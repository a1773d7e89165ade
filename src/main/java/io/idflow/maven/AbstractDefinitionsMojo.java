package io.idflow.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A remote goal that works on the definitions directory: its folder, and the owner set on
 * definitions without one.
 */
public abstract class AbstractDefinitionsMojo extends AbstractRemoteMojo {

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

  @Override
  protected File definitionsDirectory() {
    return directory;
  }
}
