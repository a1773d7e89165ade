package io.idflow.core.local;

import io.idflow.core.model.LocalDefinitions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a goal's definitions are and how to read them: the definitions directory, the placeholder
 * values resolved in its files, and where validation results are kept.
 *
 * @param directory the definitions directory ({@code workflows/}, {@code tasks/}, {@code tests/})
 * @param placeholders the values of {@code @{name}} in the files
 * @param validated where {@link ValidationCache} keeps results ({@code target/idflow/validated});
 *     null validates every time
 */
public record LocalFiles(Path directory, Placeholders placeholders, Path validated) {

  public LocalFiles {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(placeholders, "placeholders");
  }

  /** {@code directory} with {@code placeholders}, validated every time. */
  public LocalFiles(Path directory, Placeholders placeholders) {
    this(directory, placeholders, null);
  }

  /** {@code directory} without placeholder values, validated every time. */
  public static LocalFiles of(Path directory) {
    return new LocalFiles(directory, Placeholders.none());
  }

  /**
   * Validates {@code defs}, or reuses what a validation of the same content found: with {@link
   * #validated} set, in memory across the goals of a build, and on disk across builds unless a
   * secret value is in play (messages may quote values).
   */
  public LocalDefinitions validate(LocalDefinitions defs, DefinitionValidator validator) {
    if (validated == null || defs.content() == null) {
      return validator.validate(defs);
    }
    return ValidationCache.validate(
        defs, validator, placeholders.secretValues().isEmpty() ? validated : null);
  }
}
