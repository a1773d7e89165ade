package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.core.server.JavaFinder.Candidate;
import io.idflow.core.server.JavaFinder.InstallPlace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFinderTest {
  private static final String HOW = "Use -Dx.javaHome=..., a toolchain, or JAVA_HOME";

  @TempDir Path dir;

  private JavaFinder finderScanning(Path... parents) {
    return new JavaFinder(
        List.of(parents).stream().map(p -> new InstallPlace(p, "")).toList(), HOW);
  }

  @Test
  void usesExplicitHomeEvenWhenACandidateIsNewer() throws Exception {
    Path explicit = FakeJdks.jdk(dir.resolve("jdk-21"), "21.0.5");
    Path newer = FakeJdks.jdk(dir.resolve("jdk-25"), "25.0.1");

    JavaHome java = finderScanning().find(explicit, List.of(new Candidate("JAVA_HOME", newer)));

    assertThat(java.home()).isEqualTo(explicit);
  }

  @Test
  void failsWhenExplicitHomeIsNotAJavaHomeInsteadOfFallingBack() throws Exception {
    Path good = FakeJdks.jdk(dir.resolve("jdk-25"), "25.0.1");
    Path bad = dir.resolve("nonexistent");

    assertThatThrownBy(() -> finderScanning().find(bad, List.of(new Candidate("JAVA_HOME", good))))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining(bad + " given for the Conductor server is not a Java installation")
        .hasMessageContaining(HOW)
        .matches(e -> ((ServerException) e).isConfigurationProblem());
  }

  @Test
  void failsWhenExplicitHomeIsOlderThanJava21() throws Exception {
    Path old = FakeJdks.jdk(dir.resolve("jdk-17"), "17.0.15");

    assertThatThrownBy(() -> finderScanning().find(old, List.of()))
        .hasMessageContaining("is Java 17.0.15, but Conductor needs Java 21 or newer")
        .hasMessageContaining(HOW);
  }

  @Test
  void picksFirstCandidateThatIsJava21OrNewer() throws Exception {
    Path java17 = FakeJdks.jdk(dir.resolve("jdk-17"), "17.0.15");
    Path java21 = FakeJdks.jdk(dir.resolve("jdk-21"), "21.0.5");
    Path java25 = FakeJdks.jdk(dir.resolve("jdk-25"), "25.0.1");

    JavaHome java =
        finderScanning()
            .find(
                null,
                List.of(
                    new Candidate("toolchain", java17),
                    new Candidate("JAVA_HOME", java21),
                    new Candidate("JVM", java25)));

    assertThat(java.home()).isEqualTo(java21);
  }

  @Test
  void scansInstallPlacesForNewestJavaWhenNoCandidateFits() throws Exception {
    Path jvms = dir.resolve("usr/lib/jvm");
    FakeJdks.jdk(jvms.resolve("java-17-openjdk"), "17.0.15");
    FakeJdks.jdk(jvms.resolve("temurin-21"), "21.0.5");
    Path newest = FakeJdks.jdk(dir.resolve("sdkman/25.0.1-tem"), "25.0.1");
    Path java17 = jvms.resolve("java-17-openjdk");

    JavaHome java =
        finderScanning(jvms, dir.resolve("sdkman"))
            .find(null, List.of(new Candidate("JAVA_HOME", java17)));

    assertThat(java.home()).isEqualTo(newest);
    assertThat(java.version()).isEqualTo("25.0.1");
  }

  @Test
  void findsMacOsHomesUnderContentsHome() throws Exception {
    Path vms = dir.resolve("JavaVirtualMachines");
    Path home = FakeJdks.jdk(vms.resolve("temurin-21.jdk/Contents/Home"), "21.0.5");

    JavaHome java =
        new JavaFinder(List.of(new InstallPlace(vms, "Contents/Home")), HOW).find(null, List.of());

    assertThat(java.home()).isEqualTo(home);
  }

  @Test
  void failureNamesEveryHomeTriedAndEveryWayToProvideOne() throws Exception {
    Path jvms = dir.resolve("jvm");
    Path java17 = FakeJdks.jdk(jvms.resolve("java-17"), "17.0.15");
    Path notJava = dir.resolve("not-java");

    assertThatThrownBy(
            () ->
                finderScanning(jvms, dir.resolve("missing"))
                    .find(
                        null,
                        List.of(
                            new Candidate("JAVA_HOME", notJava),
                            new Candidate("the JVM running Maven", java17))))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("No Java 21 or newer found")
        .hasMessageContaining("JAVA_HOME " + notJava + " (not a Java home)")
        .hasMessageContaining("the JVM running Maven " + java17 + " (Java 17.0.15)")
        .hasMessageContaining(jvms.resolve("*").toString())
        .hasMessageEndingWith(HOW);
  }

  @Test
  void standardPlacesFollowTheOperatingSystem() {
    Path home = Path.of("/home/dev");

    assertThat(JavaFinder.standardPlaces("Linux", home, null))
        .extracting(InstallPlace::parent)
        .contains(
            Path.of("/usr/lib/jvm"),
            Path.of("/usr/java"),
            Path.of("/opt/java"),
            home.resolve(".sdkman/candidates/java"),
            home.resolve(".jdks"));
    assertThat(JavaFinder.standardPlaces("Mac OS X", home, null))
        .contains(new InstallPlace(Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home"));
    assertThat(JavaFinder.standardPlaces("Windows 11", home, "D:\\Programs"))
        .extracting(InstallPlace::parent)
        .contains(
            Path.of("D:\\Programs").resolve("Java"),
            Path.of("D:\\Programs").resolve("Eclipse Adoptium"))
        .doesNotContain(Path.of("/usr/lib/jvm"));
  }
}
