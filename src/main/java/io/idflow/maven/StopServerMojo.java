package io.idflow.maven;

import io.idflow.core.server.PidFile;
import io.idflow.core.server.ServerException;
import io.idflow.core.server.ServerStopper;
import java.time.Duration;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Stops the Conductor server that {@code start-server} started from the same work directory. */
@Mojo(name = "stop-server", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopServerMojo extends AbstractServerMojo {

  /**
   * Seconds to wait after SIGTERM before the server and its child processes are killed. The first
   * stop of a Conductor version with a given Java gets at least 120 s: the server then writes its
   * AppCDS archive.
   */
  @Parameter(property = IdflowProperties.SERVER_STOP_TIMEOUT, defaultValue = "15")
  private int stopTimeout;

  @Override
  void run() throws ServerException {
    ServerStopper.Result result =
        new ServerStopper().stop(workDirectory.toPath(), Duration.ofSeconds(stopTimeout));
    String server = result.server().map(StopServerMojo::describe).orElse("");
    switch (result.outcome()) {
      case STOPPED ->
          getLog()
              .info(
                  "Stopped "
                      + server
                      + " in "
                      + seconds(result.took())
                      + (result.server().get().writesArchive()
                          ? " (it first wrote the class-data archive that makes later"
                              + " starts faster)"
                          : ""));
      case KILLED ->
          getLog().warn(server + " did not stop within " + stopTimeout + " s and was killed");
      case ALREADY_GONE -> getLog().info(server + " was no longer running: nothing to stop");
      case NO_PID_FILE ->
          getLog().info("No Conductor server to stop: no " + PidFile.NAME + " in " + workDirectory);
    }
  }

  private static String describe(PidFile pidFile) {
    return "Conductor "
        + pidFile.version()
        + " at "
        + pidFile.url()
        + " (pid "
        + pidFile.pid()
        + ")";
  }
}
