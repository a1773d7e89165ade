package io.idflow.core.local;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads and validates the local definitions every goal starts from, and selects among them. */
public final class Definitions {

  private Definitions() {}

  /**
   * Loads the files, resolves their placeholders, fills in {@code ownerEmail} where a definition
   * has none, validates, logs the warnings and throws {@link InvalidDefinitionsException} listing
   * every error.
   */
  public static LocalDefinitions loadValid(
      LocalFiles files, String ownerEmail, boolean ownerEmailMandatory, IdflowLog log) {
    LocalDefinitions defs = DefinitionLoader.load(files).withDefaultOwnerEmail(ownerEmail);
    defs = files.validate(defs, new DefinitionValidator(ownerEmailMandatory));
    for (Problem warning : defs.warnings()) {
      log.warn(warning.toString());
    }
    if (defs.hasErrors()) {
      throw new InvalidDefinitionsException(defs.errors());
    }
    return defs;
  }

  /**
   * Loads the files without validating, for goals that only read and compare: every problem is
   * logged as a warning and the definitions that could be read are kept.
   */
  public static LocalDefinitions loadReadable(LocalFiles files, String ownerEmail, IdflowLog log) {
    LocalDefinitions defs = DefinitionLoader.load(files).withDefaultOwnerEmail(ownerEmail);
    for (Problem problem : defs.problems()) {
      log.warn(problem.toString());
    }
    return defs;
  }

  /** Splits a comma list ({@code "a, b"}) into names; null or blank means none. */
  public static Set<String> names(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(commaList.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * The definitions of {@code kind} whose name is in {@code names} (all when empty). An unknown
   * name is an error that lists the known ones.
   */
  public static List<LocalDefinition> select(LocalDefinitions defs, Kind kind, Set<String> names) {
    if (names.isEmpty()) {
      return defs.of(kind);
    }
    List<String> known = defs.names(kind);
    List<String> unknown = new ArrayList<>(names);
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      String label = Character.toUpperCase(kind.label().charAt(0)) + kind.label().substring(1);
      throw new IdflowException(
          unknown.stream().map(n -> label + " '" + n + "'").collect(Collectors.joining(", "))
              + " not found in local files (known: "
              + (known.isEmpty() ? "none" : String.join(", ", known))
              + ")");
    }
    return defs.of(kind).stream().filter(d -> names.contains(d.name())).toList();
  }
}
