package io.idflow.core.outcome;

import io.idflow.core.diff.Difference;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import java.util.List;

/**
 * One definition the project needs on the server, and whether the server has it.
 *
 * @param kind workflow or task definition
 * @param name its name
 * @param version the version needed, or null for any (task defs, unpinned sub-workflows, required
 *     names)
 * @param status what the server holds
 * @param neededBy who needs it, each as a phrase: {@code defined in idflow/workflows/a.json},
 *     {@code sub-workflow of parent v1 (task ref sub_ref)}, {@code used by a v1 (task ref
 *     fetch_ref)}, {@code listed in idflow.requiredWorkflows}
 * @param local the local definition of the same identity, or null when no local file defines it
 * @param inLocalFiles whether a local file defines it, so that an upload goal can fix it (for a
 *     "latest version" reference: any local version of that name)
 * @param differences remote -> local, for {@link Status#DRIFTED}
 */
public record Need(
    Kind kind,
    String name,
    Integer version,
    Status status,
    List<String> neededBy,
    LocalDefinition local,
    boolean inLocalFiles,
    List<Difference> differences) {

  /** What the server holds for a needed definition. */
  public enum Status {
    /** On the server (with the same content, when a local file defines it). */
    PRESENT,
    /** Not on the server. */
    MISSING,
    /** On the server at the same version, with other content than the local file. */
    DRIFTED,
    /**
     * A local task definition the server lacks that no local workflow uses: not needed, reported
     * only.
     */
    UNUSED
  }

  public Need {
    neededBy = List.copyOf(neededBy);
    differences = List.copyOf(differences);
  }

  /** {@code order_flow v3}, or the name alone. */
  public String id() {
    return version == null ? name : name + " v" + version;
  }
}
