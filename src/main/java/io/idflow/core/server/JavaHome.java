package io.idflow.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;

/**
 * A Java installation, known by its {@code release} file so that finding one never starts a
 * process.
 */
public record JavaHome(Path home, String version, int feature) {

  /** Newest first: feature release, then update numbers. */
  static final Comparator<JavaHome> NEWEST_FIRST =
      Comparator.<JavaHome>comparingInt(JavaHome::feature)
          .thenComparing(JavaHome::version, JavaHome::compareVersions)
          .reversed();

  /**
   * Reads {@code home/release}; empty when it is missing, unreadable or there is no {@code
   * bin/java}.
   */
  public static Optional<JavaHome> read(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isRegularFile(executable(home))) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String version = unquote(properties.getProperty("JAVA_VERSION"));
    int feature = feature(version);
    return feature > 0 ? Optional.of(new JavaHome(home, version, feature)) : Optional.empty();
  }

  /** The {@code java} launcher of this installation. */
  public Path javaExecutable() {
    return executable(home);
  }

  private static Path executable(Path home) {
    Path windows = home.resolve("bin").resolve("java.exe");
    return Files.isRegularFile(windows) ? windows : home.resolve("bin").resolve("java");
  }

  /** The feature release: 8 for "1.8.0_392", 21 for "21", "21-ea" and "21.0.5". */
  static int feature(String version) {
    if (version == null) {
      return 0;
    }
    String[] parts = version.split("[._+-]");
    int first = leadingNumber(parts[0]);
    if (first == 1 && parts.length > 1) {
      return leadingNumber(parts[1]);
    }
    return first;
  }

  private static int leadingNumber(String text) {
    int end = 0;
    while (end < text.length() && end < 9 && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(text.substring(0, end));
  }

  private static String unquote(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static int compareVersions(String a, String b) {
    String[] left = a.split("[._+-]");
    String[] right = b.split("[._+-]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int l = i < left.length ? leadingNumber(left[i]) : 0;
      int r = i < right.length ? leadingNumber(right[i]) : 0;
      if (l != r) {
        return Integer.compare(l, r);
      }
    }
    return 0;
  }
}
