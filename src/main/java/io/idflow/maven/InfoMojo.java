package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.AuthMode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.Info;
import io.idflow.core.outcome.InfoOutcome;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what the build would work with, the {@code conductor doctor} of this plugin: the URL in
 * force and where it came from, the auth mode and the credentials' source (never their value), the
 * server's version, whether it is Orkes, which optional endpoints answer, and how many definitions
 * the server and the definitions directory hold. Writes nothing; runs without a definitions
 * directory too.
 */
@Mojo(name = "info", threadSafe = true)
public class InfoMojo extends AbstractRemoteMojo {

  /**
   * The definitions directory whose workflow and task definitions are counted; when it does not
   * exist, only the server's are.
   */
  @Parameter(property = IdflowProperties.DIRECTORY, defaultValue = "${project.basedir}/idflow")
  protected File directory;

  @Override
  protected Outcome outcome(IdflowLog log) {
    ConnectionFactory factory = connectionFactory(log);
    InfoOutcome.Connection connection =
        new InfoOutcome.Connection(
            conductorUrl(),
            conductorUrlSource(),
            Info.auth(AuthMode.parse(auth), factory.credentials(serverId).orElse(null)));
    boolean here = directory != null && directory.isDirectory();
    try (ConductorClient client = client()) {
      return Info.run(
          client,
          connection,
          here ? localFiles(directory) : null,
          directory == null ? "the definitions directory" : Texts.path(directory.toPath()),
          log);
    }
  }
}
