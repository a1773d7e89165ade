package io.idflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

@MojoTest
class ValidateMojoTest {

  @Test
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "directory", value = "idflow")
  void passesOnTheSampleDefinitions(ValidateMojo mojo) throws Exception {
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .anyMatch(
            l ->
                l.matches(
                    "INFO Validated \\d+ workflows, \\d+ task definitions and 1 event handler in"
                        + " \\d+ files: no errors"));
  }

  @Test
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/broken")
  void failsWithFileLineAndColumn(ValidateMojo mojo) {
    RecordingLog log = RecordingLog.attach(mojo);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("1 invalid definition problem (nothing was sent to Conductor)")
        .hasMessageContaining("workflows/broken.json line 1, column 32: is not valid JSON");
    assertThat(log.lines())
        .anyMatch(l -> l.startsWith("ERROR ") && l.contains("broken.json line 1, column 32"));
  }

  @Test
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "directory", value = "src/test/resources/mojo/broken")
  @MojoParameter(name = "skip", value = "true")
  void skipsWhenAsked(ValidateMojo mojo) throws Exception {
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines()).containsExactly("INFO Skipping: idflow.skip=true");
  }

  @Test
  @InjectMojo(goal = "validate")
  @MojoParameter(name = "directory", value = "does/not/exist")
  void skipsAModuleWithoutDefinitions(ValidateMojo mojo) throws Exception {
    RecordingLog log = RecordingLog.attach(mojo);
    mojo.execute();
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("INFO No definitions directory ")
        .endsWith("exist: nothing to do");
  }
}
