package io.idflow.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.ServerModel;
import io.idflow.core.model.DefinitionId;
import io.idflow.core.model.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the server holds, fetched once per goal, and indexed once: by {@link DefinitionId}, workflow
 * versions by name, and the {@link ServerModel} each listing teaches. Every goal reads the server
 * through this snapshot and nothing else.
 *
 * <p>Each kind is one listing request, except workflows when a goal needs only the project's
 * ({@link #fetch(ConductorClient, Collection, Kind...)}): on a server that holds many other
 * workflow versions, it reads the names and versions (about 90 bytes a version) and then only the
 * project's bodies, a few at a time, so that what is read grows with the project, not the server.
 */
public final class RemoteDefinitions {
  /**
   * Bodies are fetched one by one only when the server holds more than this many times the versions
   * wanted: below, its one listing is the cheaper read (and a server that holds only the project's
   * workflows costs two requests).
   */
  static final int SCOPED_BELOW_SHARE = 4;

  /**
   * How many bodies are asked at once: a small pool, never one request per definition in series.
   */
  static final int PARALLEL_REQUESTS = 4;

  private final Map<Kind, List<ObjectNode>> listings;
  private final Map<DefinitionId, ObjectNode> byId = new HashMap<>();
  private final Map<Kind, ServerModel> models = new EnumMap<>(Kind.class);

  /** Every workflow name with its versions when only some bodies were fetched; else null. */
  private final Map<String, List<Integer>> workflowNames;

  private RemoteDefinitions(
      Map<Kind, List<ObjectNode>> listings, Map<String, List<Integer>> workflowNames) {
    this.listings = listings;
    this.workflowNames = workflowNames;
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
    return fetch(client, null, kinds);
  }

  /**
   * As {@link #fetch(ConductorClient, Kind...)}, for a goal that reads of the server's workflows
   * only the bodies of {@code workflows} and the names and versions of all. Where the server lists
   * names and versions apart ({@code GET /metadata/workflow/names-and-versions}, conductor-oss 3.21
   * and later) and holds more than {@value #SCOPED_BELOW_SHARE} times as many versions as wanted,
   * only the wanted bodies are read, {@value #PARALLEL_REQUESTS} at a time; otherwise the whole
   * listing. {@link #all} then refuses workflows: goals that read every workflow (prune, purge's
   * usage check) fetch the whole listing.
   *
   * @param workflows the workflow versions whose bodies are needed; null for every workflow
   */
  public static RemoteDefinitions fetch(
      ConductorClient client, Collection<DefinitionId> workflows, Kind... kinds) {
    Map<Kind, List<ObjectNode>> listings = new EnumMap<>(Kind.class);
    Map<String, List<Integer>> names = null;
    for (Kind kind : kinds) {
      if (kind == Kind.WORKFLOW && workflows != null) {
        names = namesAndVersions(client).orElse(null);
        List<DefinitionId> wanted = names == null ? null : held(names, workflows);
        if (wanted != null
            && (long) wanted.size() * SCOPED_BELOW_SHARE
                < names.values().stream().mapToLong(List::size).sum()) {
          listings.put(kind, bodies(client, wanted));
          continue;
        }
        names = null;
      }
      listings.put(
          kind,
          switch (kind) {
            case WORKFLOW -> client.getWorkflowDefs();
            case TASK -> client.getTaskDefs();
            case EVENT_HANDLER -> client.getEventHandlers();
            case SCHEDULE -> client.getSchedules();
          });
    }
    return new RemoteDefinitions(listings, names);
  }

  /** A snapshot of listings already fetched. */
  public static RemoteDefinitions of(Map<Kind, List<ObjectNode>> listings) {
    return new RemoteDefinitions(new EnumMap<>(listings), null);
  }

  /**
   * The server's names and versions, or empty where it cannot list them apart (an older server, or
   * an answer of another shape through a gateway): the whole listing is then the truth to read.
   */
  private static Optional<Map<String, List<Integer>>> namesAndVersions(ConductorClient client) {
    try {
      return client.workflowNamesAndVersions();
    } catch (ConductorException.UnexpectedAnswer e) {
      return Optional.empty();
    }
  }

  /** The wanted versions the server holds, in a stable order. */
  private static List<DefinitionId> held(
      Map<String, List<Integer>> names, Collection<DefinitionId> wanted) {
    return wanted.stream()
        .filter(id -> names.getOrDefault(id.name(), List.of()).contains(id.version()))
        .distinct()
        .sorted(Comparator.comparing(DefinitionId::name).thenComparing(DefinitionId::version))
        .toList();
  }

  /**
   * The bodies of {@code ids}, {@value #PARALLEL_REQUESTS} requests at a time. Each answer must be
   * the definition asked for; one that is gone since the names were listed is left out, as a
   * listing would leave it out.
   */
  private static List<ObjectNode> bodies(ConductorClient client, List<DefinitionId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(PARALLEL_REQUESTS, ids.size()),
            r -> {
              Thread t = new Thread(r, "idflow-fetch");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Optional<ObjectNode>>> answers = new ArrayList<>();
      for (DefinitionId id : ids) {
        answers.add(pool.submit(() -> client.getWorkflowDef(id.name(), id.version())));
      }
      List<ObjectNode> out = new ArrayList<>();
      for (Future<Optional<ObjectNode>> answer : answers) {
        answer.get().ifPresent(out::add);
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading workflow definitions", e);
    } finally {
      pool.shutdownNow();
    }
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
    if (listing == null || kind == Kind.WORKFLOW && workflowNames != null) {
      throw new IllegalStateException(
          "The server's " + kind.label() + " definitions were not fetched (in full)");
    }
    return Collections.unmodifiableList(listing);
  }

  public Optional<ObjectNode> get(DefinitionId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The server's workflow names, each with its versions, sorted. */
  public SortedMap<String, SortedSet<Integer>> workflowVersions() {
    SortedMap<String, SortedSet<Integer>> out = new TreeMap<>();
    if (workflowNames != null) {
      workflowNames.forEach((name, versions) -> out.put(name, new TreeSet<>(versions)));
      return out;
    }
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
