package io.idflow.core.goal;

import io.idflow.core.IdflowException;
import io.idflow.core.local.Definitions;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow an application needs on the server without defining it (it only starts it).
 *
 * @param name the workflow's name
 * @param version the version it needs, or null for any
 */
public record RequiredWorkflow(String name, Integer version) {

  /**
   * Parses {@code idflow.requiredWorkflows}: a comma list of {@code name} or {@code name:version}.
   *
   * @throws IdflowException naming the entry that is neither
   */
  public static List<RequiredWorkflow> parse(String commaList) {
    List<RequiredWorkflow> out = new ArrayList<>();
    for (String item : Definitions.names(commaList)) {
      int colon = item.lastIndexOf(':');
      if (colon < 0) {
        out.add(new RequiredWorkflow(item, null));
        continue;
      }
      String name = item.substring(0, colon).trim();
      String version = item.substring(colon + 1).trim();
      if (name.isEmpty() || !version.matches("\\d{1,9}")) {
        throw new IdflowException(
            "idflow.requiredWorkflows: '"
                + item
                + "' is neither a name nor name:version (e.g. order_flow or order_flow:3)");
      }
      out.add(new RequiredWorkflow(name, Integer.parseInt(version)));
    }
    return out;
  }

  /** {@code order_flow v3}, or the name alone when any version will do. */
  @Override
  public String toString() {
    return version == null ? name : name + " v" + version;
  }
}
