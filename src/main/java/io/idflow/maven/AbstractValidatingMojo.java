package io.idflow.maven;

import org.apache.maven.plugins.annotations.Parameter;

/**
 * A remote goal that validates every definition before it talks to the server, as strictly as the
 * server is set.
 */
public abstract class AbstractValidatingMojo extends AbstractDefinitionsMojo {

  /**
   * Validates {@code ownerEmail} as servers running with {@code
   * conductor.app.ownerEmailMandatory=true} do: a definition without one is an error.
   */
  @Parameter(property = IdflowProperties.OWNER_EMAIL_MANDATORY, defaultValue = "false")
  protected boolean ownerEmailMandatory;
}
