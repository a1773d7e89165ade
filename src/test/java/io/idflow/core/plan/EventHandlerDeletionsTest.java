package io.idflow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Json;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinition;
import io.idflow.core.model.LocalDefinitions;
import io.idflow.core.remote.RemoteDefinitions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of the server's event handlers purge-orphans and diff plan to delete. */
class EventHandlerDeletionsTest {

  private static ObjectNode handler(String name) {
    ObjectNode h = Json.mapper().createObjectNode().put("name", name).put("event", "conductor:a:b");
    h.putArray("actions").addObject().put("action", "complete_task");
    return h;
  }

  private static final RemoteDefinitions REMOTE =
      RemoteDefinitions.of(
          Map.of(
              Kind.EVENT_HANDLER,
              List.of(
                  handler("shop_on_paid"),
                  handler("shop_on_refund"),
                  handler("shop_keep_me"),
                  handler("other_team"))));

  private static LocalDefinitions local(String... names) {
    List<LocalDefinition> defs =
        java.util.Arrays.stream(names)
            .map(
                n ->
                    new LocalDefinition(
                        Kind.EVENT_HANDLER, n, 0, handler(n), Path.of("idflow/events/h.json"), -1))
            .toList();
    return new LocalDefinitions(
        Path.of("idflow"), Map.of(), Map.of(Kind.EVENT_HANDLER, defs), List.of());
  }

  @Test
  void onlyHandlersInScopeByNameThatNoFileDefinesAndNoExcludeNames() {
    List<PlanItem> items =
        Planner.eventHandlerDeletions(
            local("shop_on_paid"), REMOTE, Set.of("shop_*"), Set.of("shop_keep*"));

    assertThat(items).extracting(PlanItem::name).containsExactly("shop_on_refund");
    assertThat(items.get(0).action()).isEqualTo(Action.DELETE);
    assertThat(items.get(0).reason()).isEqualTo("matches idflow.purge.eventHandlers shop_*");
    assertThat(items.get(0).remote().path("name").asText()).isEqualTo("shop_on_refund");
  }

  @Test
  void withoutIncludesNoHandlerIsInScope() {
    assertThat(Planner.eventHandlerDeletions(local(), REMOTE, Set.of(), Set.of())).isEmpty();
  }
}
