package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.core.Pointers;
import io.idflow.core.model.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Semantic diff of JSON trees: key order ignored, numbers compared by value, arrays by position.
 */
public final class JsonDiff {

  private JsonDiff() {}

  /**
   * Differences between a remote and a local definition once both are normalised with
   * conductor-oss's model and what the server's copy shows ({@link ServerModel}).
   */
  public static List<Difference> definitions(Kind kind, ObjectNode remote, ObjectNode local) {
    return definitions(
        ServerModel.conductorOss().learn(kind, List.of(remote)), kind, remote, local);
  }

  /**
   * Differences between a remote and a local definition once both are normalised with {@code
   * model}: one that has learned from every definition of the server's listing knows best which
   * fields it stores.
   */
  public static List<Difference> definitions(
      ServerModel model, Kind kind, ObjectNode remote, ObjectNode local) {
    return diff(model.normalize(kind, remote), model.normalize(kind, local));
  }

  /** Differences between two trees, sorted by path. */
  public static List<Difference> diff(JsonNode remote, JsonNode local) {
    if (remote != null && remote.equals(local)) {
      // Most definitions of a rerun are unchanged: Jackson's deep equality (key order ignored)
      // settles them
      // without building a path string for every node. Unequal trees may still mean the same (1 and
      // 1.0).
      return new ArrayList<>();
    }
    List<Difference> out = new ArrayList<>();
    walk("", remote, local, out);
    return out;
  }

  /**
   * Task lists are matched by {@code taskReferenceName}, not by position, so that removing the
   * first task reports that task, not every task after it. Paths use the local index (the remote
   * one for a task only the server has); a change of order among the tasks both sides have is one
   * more line.
   */
  private static void walkTasks(
      String path,
      JsonNode remote,
      Map<String, Integer> remoteRefs,
      JsonNode local,
      Map<String, Integer> localRefs,
      List<Difference> out) {
    List<String> commonRemote =
        remoteRefs.keySet().stream().filter(localRefs::containsKey).toList();
    List<String> commonLocal = localRefs.keySet().stream().filter(remoteRefs::containsKey).toList();
    if (!commonRemote.equals(commonLocal)) {
      out.add(new Difference(path + " (task order)", refs(remoteRefs), refs(localRefs)));
    }
    for (Map.Entry<String, Integer> e : localRefs.entrySet()) {
      Integer r = remoteRefs.get(e.getKey());
      walk(
          path + "/" + e.getValue(),
          r == null ? null : remote.get(r),
          local.get(e.getValue()),
          out);
    }
    for (Map.Entry<String, Integer> e : remoteRefs.entrySet()) {
      if (!localRefs.containsKey(e.getKey())) {
        walk(path + "/" + e.getValue(), remote.get(e.getValue()), null, out);
      }
    }
  }

  /**
   * Reference name to index, in order, when every element is a task with a unique reference name;
   * else null.
   */
  private static Map<String, Integer> taskRefs(JsonNode array) {
    Map<String, Integer> refs = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode ref = array.get(i).path("taskReferenceName");
      if (!ref.isTextual() || refs.put(ref.asText(), i) != null) {
        return null;
      }
    }
    return refs.isEmpty() ? null : refs;
  }

  private static JsonNode refs(Map<String, Integer> refs) {
    ArrayNode names = JsonNodeFactory.instance.arrayNode();
    refs.keySet().forEach(names::add);
    return names;
  }

  private static void walk(String path, JsonNode remote, JsonNode local, List<Difference> out) {
    if (remote == null || local == null) {
      if (remote != local) {
        out.add(new Difference(path, remote, local));
      }
      return;
    }
    if (remote.isNumber() && local.isNumber()) {
      if (remote.decimalValue().compareTo(local.decimalValue()) != 0) {
        out.add(new Difference(path, remote, local));
      }
    } else if (remote.isObject() && local.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      remote.fieldNames().forEachRemaining(keys::add);
      local.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        walk(path + "/" + Pointers.escape(key), remote.get(key), local.get(key), out);
      }
    } else if (remote.isArray() && local.isArray()) {
      Map<String, Integer> remoteRefs = taskRefs(remote);
      Map<String, Integer> localRefs = taskRefs(local);
      if (remoteRefs != null && localRefs != null) {
        walkTasks(path, remote, remoteRefs, local, localRefs, out);
      } else {
        for (int i = 0; i < Math.max(remote.size(), local.size()); i++) {
          walk(path + "/" + i, remote.get(i), local.get(i), out);
        }
      }
    } else if (!remote.equals(local)) {
      out.add(new Difference(path.isEmpty() ? "/" : path, remote, local));
    }
  }
}
