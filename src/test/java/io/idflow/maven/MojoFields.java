package io.idflow.maven;

import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.plugin.AbstractMojo;

/** Sets a Mojo's parameter field as Maven would inject it, for tests that build Mojos by hand. */
final class MojoFields {
  private MojoFields() {}

  /** Sets {@code field} of {@code mojo} to {@code value} and returns the Mojo, for chaining. */
  static <T extends AbstractMojo> T set(T mojo, String field, Object value) {
    try {
      MojoExtension.setVariableValueToObject(mojo, field, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "No field '" + field + "' in " + mojo.getClass().getSimpleName(), e);
    }
    return mojo;
  }
}
