package io.idflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's arguments: {@code key=value} pairs, each optional, read with their defaults. */
record Opts(Map<String, String> values) {

  static Opts parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("Arguments are key=value, found '" + arg + "'");
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return new Opts(values);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  String string(String key, String otherwise) {
    return values.getOrDefault(key, otherwise);
  }

  int integer(String key, int otherwise) {
    return has(key) ? Integer.parseInt(values.get(key).trim()) : otherwise;
  }

  /** A comma list, trimmed, without empty items. */
  List<String> list(String key, String otherwise) {
    return Arrays.stream(string(key, otherwise).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  Path path(String key, String otherwise) {
    return Path.of(string(key, otherwise)).toAbsolutePath().normalize();
  }
}
