package io.idflow.maven;

import io.idflow.core.server.ServerException;
import java.io.File;
import java.time.Duration;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The flow shared by the goals that start and stop a local Conductor server. */
abstract class AbstractServerMojo extends AbstractMojo {

  /**
   * Folder of the local server: its SQLite database ({@code conductor.db}), log ({@code
   * server.log}), temporary files and {@code server.pid}, by which {@code stop-server} finds the
   * server. Start and stop must use the same folder.
   */
  @Parameter(
      property = IdflowProperties.SERVER_WORK_DIRECTORY,
      defaultValue = "${project.build.directory}/idflow/server",
      required = true)
  protected File workDirectory;

  /** Skips the goal. */
  @Parameter(property = IdflowProperties.SKIP, defaultValue = "false")
  protected boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping: " + IdflowProperties.SKIP + "=true");
      return;
    }
    try {
      run();
    } catch (ServerException e) {
      if (e.isConfigurationProblem()) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  abstract void run() throws ServerException, MojoExecutionException, MojoFailureException;

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
