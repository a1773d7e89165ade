package io.idflow.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the server holds, fetched once per goal with one request per kind of definition, and indexed
 * once: by {@link DefinitionId}, workflow versions by name, and the {@link ServerModel} each
 * listing teaches. Every goal reads the server through this snapshot and nothing else.
 */
public final class RemoteDefinitions {
  private final Map<Kind, List<ObjectNode>> listings;
  private final Map<DefinitionId, ObjectNode> byId = new HashMap<>();
  private final Map<Kind, ServerModel> models = new EnumMap<>(Kind.class);

  private RemoteDefinitions(Map<Kind, List<ObjectNode>> listings) {
    this.listings = listings;
    listings.forEach(
        (kind, defs) -> {
          defs.forEach(def -> byId.put(DefinitionId.of(kind, def), def));
          models.put(kind, ServerModel.conductorOss().learn(kind, defs));
        });
  }

  /**
   * The server's definitions of {@code kinds}: one request each, in the order given, so that a goal
   * reads first what it acts on. Fails when one cannot be read whole.
   */
  public static RemoteDefinitions fetch(ConductorClient client, Kind... kinds) {
    Map<Kind, List<ObjectNode>> listings = new EnumMap<>(Kind.class);
    for (Kind kind : kinds) {
      listings.put(
          kind,
          switch (kind) {
            case WORKFLOW -> client.getWorkflowDefs();
            case TASK -> client.getTaskDefs();
            case EVENT_HANDLER -> client.getEventHandlers();
            case SCHEDULE -> client.getSchedules();
          });
    }
    return new RemoteDefinitions(listings);
  }

  /** A snapshot of listings already fetched. */
  public static RemoteDefinitions of(Map<Kind, List<ObjectNode>> listings) {
    return new RemoteDefinitions(new EnumMap<>(listings));
  }

  /** Whether the listing of {@code kind} was fetched. */
  public boolean has(Kind kind) {
    return listings.containsKey(kind);
  }

  /**
   * Every definition of {@code kind} the server holds, as listed; every version of every workflow.
   */
  public List<ObjectNode> all(Kind kind) {
    List<ObjectNode> listing = listings.get(kind);
    if (listing == null) {
      throw new IllegalStateException(
          "The server's " + kind.label() + " definitions were not fetched");
    }
    return Collections.unmodifiableList(listing);
  }

  public Optional<ObjectNode> get(DefinitionId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The server's workflow names, each with its versions, sorted. */
  public SortedMap<String, SortedSet<Integer>> workflowVersions() {
    SortedMap<String, SortedSet<Integer>> out = new TreeMap<>();
    for (ObjectNode def : all(Kind.WORKFLOW)) {
      out.computeIfAbsent(def.path("name").asText(), k -> new TreeSet<>())
          .add(def.path("version").asInt(1));
    }
    return out;
  }

  /** What this server stores of {@code kind}: conductor-oss's model and what its listing shows. */
  public ServerModel model(Kind kind) {
    ServerModel model = models.get(kind);
    if (model == null) {
      throw new IllegalStateException(
          "The server's " + kind.label() + " definitions were not fetched");
    }
    return model;
  }
}
