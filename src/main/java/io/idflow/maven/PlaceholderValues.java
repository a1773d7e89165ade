package io.idflow.maven;

import io.idflow.core.IdflowException;
import io.idflow.core.Texts;
import io.idflow.core.local.Definitions;
import io.idflow.core.local.Placeholders;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.settings.Server;

/**
 * Gathers the placeholder values of a build, first source first: the plugin's configuration ({@code
 * <placeholders>}, {@code <placeholderServers>}, {@code <placeholderEnvironment>}), then {@code
 * -Didflow.placeholder.<name>=value}, then {@code placeholderFile}.
 */
final class PlaceholderValues {
  static final String USER_PROPERTY_PREFIX = "idflow.placeholder.";

  private PlaceholderValues() {}

  /**
   * The build's values.
   *
   * @param servers placeholder name to settings.xml server id: the server's decrypted password
   * @param environment placeholder name to environment variable
   * @param userProperties Maven's user properties ({@code -D})
   * @param env the process environment
   * @param factory reads settings.xml servers
   */
  static Placeholders of(
      String prefix,
      String suffix,
      Map<String, String> values,
      Map<String, String> servers,
      Map<String, String> environment,
      Map<String, String> userProperties,
      File file,
      String secretNames,
      Map<String, String> env,
      ConnectionFactory factory) {
    Placeholders.Builder builder = Placeholders.builder(prefix, suffix);
    Map<String, String> fromConfig = orEmpty(values);
    Map<String, String> fromServers = new LinkedHashMap<>();
    orEmpty(servers)
        .forEach(
            (name, id) -> {
              twice(name, fromConfig, "<placeholders>", "<placeholderServers>");
              Server server =
                  factory.server(
                      id.trim(), "add it, or remove " + name + " from <placeholderServers>");
              String password = server.getPassword();
              if (password == null || password.isEmpty()) {
                builder.unavailable(
                    name, "settings.xml server '" + id.trim() + "' has no <password>");
              } else {
                fromServers.put(name, password);
              }
            });
    Map<String, String> fromEnvironment = new LinkedHashMap<>();
    orEmpty(environment)
        .forEach(
            (name, variable) -> {
              twice(name, fromConfig, "<placeholders>", "<placeholderEnvironment>");
              twice(name, orEmpty(servers), "<placeholderServers>", "<placeholderEnvironment>");
              String value = env.get(variable.trim());
              if (value == null) {
                builder.unavailable(
                    name, "the environment variable " + variable.trim() + " is not set");
              } else {
                fromEnvironment.put(name, value);
              }
            });
    builder.add("the plugin's <placeholders>", fromConfig);
    if (servers != null && !servers.isEmpty()) {
      builder.addSecret("<placeholderServers> (settings.xml)", fromServers);
    }
    if (environment != null && !environment.isEmpty()) {
      builder.add("<placeholderEnvironment>", fromEnvironment);
    }
    builder.add("-D" + USER_PROPERTY_PREFIX + "{name}", fromUserProperties(userProperties));
    if (file != null) {
      builder.add("the placeholder file " + Texts.path(file.toPath()), read(file));
    }
    return builder.secret(Definitions.names(secretNames)).build();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static void twice(String name, Map<String, String> other, String a, String b) {
    if (other.containsKey(name)) {
      throw new IdflowException(
          "The placeholder '" + name + "' is set in both " + a + " and " + b + ": keep one");
    }
  }

  private static Map<String, String> fromUserProperties(Map<String, String> properties) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach(
        (key, value) -> {
          if (key.startsWith(USER_PROPERTY_PREFIX)
              && key.length() > USER_PROPERTY_PREFIX.length()) {
            out.put(key.substring(USER_PROPERTY_PREFIX.length()), value);
          }
        });
    return out;
  }

  /** A properties file, read as UTF-8 (Java's ISO-8859-1 default would garble other text). */
  private static Map<String, String> read(File file) {
    if (!file.isFile()) {
      throw new IdflowException(
          "The placeholder file "
              + Texts.path(file.toPath())
              + " does not exist: create it (name=value lines), or fix idflow.placeholderFile");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IdflowException(
          "The placeholder file "
              + Texts.path(file.toPath())
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
    Map<String, String> out = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
    return out;
  }
}
