package io.idflow.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks a Java 21+ installation to run Conductor with: the caller's choices first, then the usual
 * places.
 */
public final class JavaFinder {
  /** Conductor 3.x is Java 21 bytecode. */
  public static final int MINIMUM_FEATURE = 21;

  /** A Java home proposed by the caller, and where it came from ("toolchain", "JAVA_HOME", ...). */
  public record Candidate(String source, Path home) {}

  /**
   * A folder whose sub-folders are Java homes, each under {@code suffix} (macOS: "Contents/Home").
   */
  public record InstallPlace(Path parent, String suffix) {
    Path home(Path child) {
      return suffix.isEmpty() ? child : child.resolve(suffix);
    }

    @Override
    public String toString() {
      return parent.resolve("*").resolve(suffix).toString();
    }
  }

  private final List<InstallPlace> places;
  private final String howToProvide;

  /**
   * @param places where to look when no candidate fits
   * @param howToProvide appended to every failure: the ways the user can name a Java home
   */
  public JavaFinder(List<InstallPlace> places, String howToProvide) {
    this.places = List.copyOf(places);
    this.howToProvide = howToProvide;
  }

  /** Looks in the install places of the usual package managers, vendors and IDEs of this OS. */
  public static JavaFinder standard(String howToProvide) {
    return new JavaFinder(
        standardPlaces(
            System.getProperty("os.name", ""),
            Path.of(System.getProperty("user.home")),
            System.getenv("ProgramFiles")),
        howToProvide);
  }

  static List<InstallPlace> standardPlaces(String osName, Path userHome, String programFiles) {
    List<InstallPlace> places = new ArrayList<>();
    if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
      Path root = Path.of(programFiles != null ? programFiles : "C:\\Program Files");
      places.add(new InstallPlace(root.resolve("Java"), ""));
      places.add(new InstallPlace(root.resolve("Eclipse Adoptium"), ""));
    } else {
      places.add(new InstallPlace(Path.of("/usr/lib/jvm"), ""));
      places.add(new InstallPlace(Path.of("/usr/java"), ""));
      places.add(new InstallPlace(Path.of("/opt/java"), ""));
      places.add(new InstallPlace(Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home"));
      places.add(
          new InstallPlace(userHome.resolve("Library/Java/JavaVirtualMachines"), "Contents/Home"));
    }
    places.add(new InstallPlace(userHome.resolve(".sdkman/candidates/java"), ""));
    places.add(new InstallPlace(userHome.resolve(".jdks"), ""));
    return places;
  }

  /**
   * Returns the explicit home when given (it must be Java 21+: a wrong explicit choice fails rather
   * than being silently replaced), else the first candidate that is Java 21+, else the newest Java
   * 21+ found in the install places.
   */
  public JavaHome find(Path explicit, List<Candidate> candidates) throws ServerException {
    if (explicit != null) {
      return checkExplicit(explicit);
    }
    List<String> rejected = new ArrayList<>();
    for (Candidate candidate : candidates) {
      Optional<JavaHome> java = JavaHome.read(candidate.home());
      if (java.isPresent() && java.get().feature() >= MINIMUM_FEATURE) {
        return java.get();
      }
      rejected.add(candidate.source() + " " + candidate.home() + " (" + describe(java) + ")");
    }
    List<JavaHome> installed = scan();
    Optional<JavaHome> newest =
        installed.stream().filter(j -> j.feature() >= MINIMUM_FEATURE).min(JavaHome.NEWEST_FIRST);
    if (newest.isPresent()) {
      return newest.get();
    }
    installed.forEach(j -> rejected.add(j.home() + " (Java " + j.version() + ")"));
    throw ServerException.configuration(
        "No Java "
            + MINIMUM_FEATURE
            + " or newer found to run the Conductor server (it is Java "
            + MINIMUM_FEATURE
            + " bytecode).\n  Looked at: "
            + (rejected.isEmpty() ? "nothing" : String.join(", ", rejected))
            + "\n  Also searched: "
            + places.stream().map(InstallPlace::toString).toList()
            + "\n"
            + howToProvide);
  }

  private JavaHome checkExplicit(Path explicit) throws ServerException {
    Optional<JavaHome> java = JavaHome.read(explicit);
    if (java.isEmpty()) {
      throw ServerException.configuration(
          "The Java home "
              + explicit
              + " given for the Conductor server is not a Java installation "
              + "(expected a folder with a 'release' file and bin/java).\n"
              + howToProvide);
    }
    if (java.get().feature() < MINIMUM_FEATURE) {
      throw ServerException.configuration(
          "The Java home "
              + explicit
              + " given for the Conductor server is Java "
              + java.get().version()
              + ", but Conductor needs Java "
              + MINIMUM_FEATURE
              + " or newer.\n"
              + howToProvide);
    }
    return java.get();
  }

  /** Every Java home under the install places, in a stable order. */
  List<JavaHome> scan() {
    List<JavaHome> found = new ArrayList<>();
    for (InstallPlace place : places) {
      if (!Files.isDirectory(place.parent())) {
        continue;
      }
      try (Stream<Path> children = Files.list(place.parent())) {
        children
            .sorted()
            .map(place::home)
            .map(JavaHome::read)
            .flatMap(Optional::stream)
            .forEach(found::add);
      } catch (IOException e) {
        // An unreadable install folder holds nothing we can use: keep looking elsewhere.
      }
    }
    return found;
  }

  private static String describe(Optional<JavaHome> java) {
    return java.map(j -> "Java " + j.version()).orElse("not a Java home");
  }
}
