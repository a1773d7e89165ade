package io.idflow.core.apply;

import io.idflow.core.client.ConductorException;
import io.idflow.core.plan.PlanItem;
import java.util.Map;

/**
 * What a writer did: the items it could not write or confirm, each with why, and the failure that
 * ended the writes early or that most concerns the user (a server that went away wins over a
 * rejection).
 *
 * @param failures the items not written or not confirmed, with the reason
 * @param failure the request that failed, or null
 */
public record Written(Map<PlanItem, String> failures, ConductorException failure) {

  public Written {
    failures = Map.copyOf(failures);
  }

  public static Written nothing() {
    return new Written(Map.of(), null);
  }
}
