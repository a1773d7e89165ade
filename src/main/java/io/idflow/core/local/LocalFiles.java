package io.idflow.core.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a goal's definitions are and how to read them: the definitions directory and the
 * placeholder values resolved in its files.
 *
 * @param directory the definitions directory ({@code workflows/}, {@code tasks/}, {@code tests/})
 * @param placeholders the values of {@code @{name}} in the files
 */
public record LocalFiles(Path directory, Placeholders placeholders) {

  public LocalFiles {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(placeholders, "placeholders");
  }

  /** {@code directory} without placeholder values. */
  public static LocalFiles of(Path directory) {
    return new LocalFiles(directory, Placeholders.none());
  }
}
