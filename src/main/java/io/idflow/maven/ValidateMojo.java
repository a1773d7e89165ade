package io.idflow.maven;

import io.idflow.core.IdflowLog;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.DefinitionValidator;
import io.idflow.core.model.LocalDefinitions;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks every local workflow and task definition offline, with the server's own rules, and
 * reports all problems at once: the build fails if any is an error.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractIdflowMojo {

  @Override
  protected void run(IdflowLog log) throws MojoFailureException {
    LocalDefinitions defs = DefinitionLoader.load(directory.toPath()).withDefaultOwnerEmail(ownerEmail);
    defs = new DefinitionValidator(ownerEmailMandatory).validate(defs);
    defs.warnings().forEach(p -> log.warn(p.toString()));
    defs.errors().forEach(p -> log.error(p.toString()));
    String counted = plural(defs.workflows().size(), "workflow") + " and " + plural(defs.tasks().size(), "task definition")
        + " in " + plural(defs.workflowFiles() + defs.taskFiles(), "file");
    if (defs.hasErrors()) {
      throw new MojoFailureException(new InvalidDefinitionsException(defs.errors()).getMessage());
    }
    log.info("Validated " + counted + ": no errors"
        + (defs.warnings().isEmpty() ? "" : ", " + plural(defs.warnings().size(), "warning")));
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
