package io.idflow.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.core.Pointers;
import io.idflow.core.local.Kind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Semantic diff of JSON trees: key order ignored, numbers compared by value, arrays by position. */
public final class JsonDiff {

  private JsonDiff() {}

  /** Differences between a remote and a local definition once both are normalised. */
  public static List<Difference> definitions(Kind kind, ObjectNode remote, ObjectNode local) {
    return diff(Normalizer.normalize(kind, remote), Normalizer.normalize(kind, local));
  }

  /** Differences between two trees, sorted by path. */
  public static List<Difference> diff(JsonNode remote, JsonNode local) {
    List<Difference> out = new ArrayList<>();
    walk("", remote, local, out);
    return out;
  }

  /** Whether two values mean the same: same shape, numbers equal by value. */
  public static boolean same(JsonNode a, JsonNode b) {
    List<Difference> out = new ArrayList<>();
    walk("", a, b, out);
    return out.isEmpty();
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
      for (int i = 0; i < Math.max(remote.size(), local.size()); i++) {
        walk(path + "/" + i, remote.get(i), local.get(i), out);
      }
    } else if (!remote.equals(local)) {
      out.add(new Difference(path.isEmpty() ? "/" : path, remote, local));
    }
  }
}
