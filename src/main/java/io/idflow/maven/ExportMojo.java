package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.Texts;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.Export;
import io.idflow.core.local.Definitions;
import io.idflow.core.outcome.Outcome;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes Conductor's workflow and task definitions into the definitions directory, one file each,
 * as a person would have written them: no audit fields, no values equal to the server's defaults, a
 * stable key order, a two-space indent. Right after it, {@code diff} plans nothing for them. It
 * never writes over a file, and skips a definition that a local file defines. Bound to no phase: it
 * runs only when asked.
 */
@Mojo(name = "export", threadSafe = true)
public class ExportMojo extends AbstractRemoteMojo {

  /**
   * The definitions directory to write into: workflows to {@code workflows/<name>.json}, task
   * definitions to {@code tasks/<name>.json}. Created when missing.
   */
  @Parameter(property = IdflowProperties.DIRECTORY, defaultValue = "${project.basedir}/idflow")
  private File directory;

  /**
   * Name globs ({@code *}, {@code ?}; comma list) of the workflows and task definitions to export;
   * none: all.
   */
  @Parameter(property = IdflowProperties.EXPORT_INCLUDES)
  private String includes;

  /** Name globs ({@code *}, {@code ?}; comma list) never exported. */
  @Parameter(property = IdflowProperties.EXPORT_EXCLUDES)
  private String excludes;

  /** Exports only the definitions whose {@code ownerEmail} is this one; none: any owner. */
  @Parameter(property = IdflowProperties.OWNER_EMAIL)
  private String ownerEmail;

  /**
   * {@code latest}: the newest version of each workflow, in {@code <name>.json}; {@code all}: every
   * version, each in {@code <name>.v<version>.json}.
   */
  @Parameter(property = IdflowProperties.EXPORT_VERSIONS, defaultValue = "latest")
  private String versions;

  /**
   * Writes the server's copy over a definition that a local file defines, in that file (the other
   * definitions of the file stay). Without it such definitions are skipped.
   */
  @Parameter(property = IdflowProperties.FORCE, defaultValue = "false")
  private boolean force;

  /** Lists what would be written, and writes nothing. */
  @Parameter(property = IdflowProperties.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  @Override
  protected Outcome outcome(IdflowLog log) {
    Export.Options options =
        new Export.Options(
            Definitions.names(includes),
            Definitions.names(excludes),
            ownerEmail,
            Export.Versions.parse(versions),
            force,
            dryRun);
    report()
        .checked("directory", Texts.path(directory.toPath()))
        .checked("force", force)
        .checked("dryRun", dryRun);
    try (ConductorClient client = client()) {
      return Export.run(client, localFiles(directory), options, log);
    }
  }
}
