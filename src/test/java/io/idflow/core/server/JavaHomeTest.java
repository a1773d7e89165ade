package io.idflow.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaHomeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "1.8.0_392, 8",
    "11.0.2, 11",
    "17.0.15, 17",
    "21, 21",
    "21-ea, 21",
    "25.0.1, 25",
    "'', 0"
  })
  void readsFeatureReleaseFromVersion(String version, int feature) {
    assertThat(JavaHome.feature(version)).isEqualTo(feature);
  }

  @Test
  void readsVersionFromReleaseFileWithoutRunningJava() throws Exception {
    Path home = FakeJdks.jdk(dir.resolve("jdk-25"), "25.0.1");

    assertThat(JavaHome.read(home)).contains(new JavaHome(home, "25.0.1", 25));
  }

  @Test
  void isNotAJavaHomeWithoutReleaseFile() throws Exception {
    Path home = FakeJdks.jdk(dir.resolve("jdk"), "21");
    Files.delete(home.resolve("release"));

    assertThat(JavaHome.read(home)).isEmpty();
  }

  @Test
  void isNotAJavaHomeWithoutJavaLauncher() throws Exception {
    Path home = FakeJdks.jdk(dir.resolve("jdk"), "21");
    Files.delete(home.resolve("bin/java"));

    assertThat(JavaHome.read(home)).isEmpty();
  }

  @Test
  void isNotAJavaHomeWhenFolderIsMissing() {
    assertThat(JavaHome.read(dir.resolve("nonexistent"))).isEmpty();
  }

  @Test
  void ordersNewestFirstByUpdateNumbers() throws Exception {
    JavaHome older = JavaHome.read(FakeJdks.jdk(dir.resolve("a"), "21.0.9")).orElseThrow();
    JavaHome newer = JavaHome.read(FakeJdks.jdk(dir.resolve("b"), "21.0.10")).orElseThrow();

    assertThat(JavaHome.NEWEST_FIRST.compare(newer, older)).isNegative();
  }
}
