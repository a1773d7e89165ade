package io.idflow.core.goal;

import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.DefinitionValidator;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.outcome.ValidateOutcome;

/** {@code validate}: every definition checked offline with the server's rules; nothing is sent. */
public final class Validate {

  private Validate() {}

  /**
   * @param ownerEmail set on definitions that have none (null: leave them)
   * @param ownerEmailMandatory validate {@code ownerEmail} as strict servers do
   */
  public static ValidateOutcome run(
      LocalFiles files, String ownerEmail, boolean ownerEmailMandatory) {
    LocalDefinitions defs = DefinitionLoader.load(files).withDefaultOwnerEmail(ownerEmail);
    return new ValidateOutcome(files.validate(defs, new DefinitionValidator(ownerEmailMandatory)));
  }
}
