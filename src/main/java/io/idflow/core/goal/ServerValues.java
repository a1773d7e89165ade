package io.idflow.core.goal;

import io.idflow.core.client.ConductorClient;
import io.idflow.core.goal.CheckMissing.ServerNames;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.model.ServerValueRefs;
import io.idflow.core.outcome.ValueNeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secrets and environment values ({@code ${workflow.secrets.X}}, {@code ${workflow.env.X}})
 * that local workflows read, checked against the names the server has: shared by {@code
 * check-missing} and {@code diff}. A value is never read, only names.
 */
final class ServerValues {

  private ServerValues() {}

  /**
   * The server's names of secrets and environment values, each asked only when a local workflow
   * reads one (so a project without any sends no request).
   */
  static ServerNames names(ConductorClient client, LocalDefinitions defs) {
    boolean secrets = false;
    boolean env = false;
    for (LocalDefinition wf : defs.workflows()) {
      for (ServerValueRefs.Ref ref : ServerValueRefs.in(wf.json())) {
        secrets |= ref.secret();
        env |= !ref.secret();
      }
    }
    return new ServerNames(
        secrets ? client.secretNames() : Optional.empty(),
        env ? client.environmentNames() : Optional.empty());
  }

  /**
   * Each secret and environment value the local workflows read, with every use, checked against the
   * server's names where it has them; where it has none, one line in {@code unchecked} says so.
   */
  static List<ValueNeed> check(LocalDefinitions defs, ServerNames names, List<String> unchecked) {
    Map<String, List<String>> uses = new TreeMap<>();
    for (LocalDefinition wf : defs.workflows()) {
      for (ServerValueRefs.Ref ref : ServerValueRefs.in(wf.json())) {
        uses.computeIfAbsent(
                (ref.secret() ? "secret " : "env ") + ref.name(), k -> new ArrayList<>())
            .add(
                wf.id()
                    + " at "
                    + (wf.index() < 0 ? "" : "/" + wf.index())
                    + ref.pointer()
                    + " ("
                    + wf.file()
                    + ")");
      }
    }
    List<ValueNeed> out = new ArrayList<>();
    boolean secretsSkipped = false;
    boolean envSkipped = false;
    for (Map.Entry<String, List<String>> e : uses.entrySet()) {
      boolean secret = e.getKey().startsWith("secret ");
      String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      Optional<List<String>> known = secret ? names.secrets() : names.env();
      if (known.isEmpty()) {
        secretsSkipped |= secret;
        envSkipped |= !secret;
        continue;
      }
      out.add(new ValueNeed(secret, name, !known.get().contains(name), e.getValue()));
    }
    if (secretsSkipped) {
      unchecked.add(
          "Secrets the workflows read were not checked: the server has no /api/secrets"
              + " (conductor-oss before 3.31)");
    }
    if (envSkipped) {
      unchecked.add(
          "Environment values the workflows read were not checked: the server has no"
              + " /api/environment (conductor-oss before 3.31)");
    }
    return out;
  }
}
