package io.idflow.maven;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import io.idflow.core.client.AuthMode;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.client.Credentials;
import io.idflow.core.client.ProxyOptions;
import io.idflow.core.client.TlsOptions;
import io.idflow.core.client.Urls;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Builds the Conductor client the Maven way: credentials from a {@code settings.xml} server
 * (decrypted), else from the environment; the active proxy of {@code settings.xml}; Maven's offline
 * mode. The core client knows nothing of Maven; this is the whole adapter.
 */
final class ConnectionFactory {

  /**
   * The stores whose password may come from a parameter or, kept out of Maven's {@code -X} output,
   * from the environment.
   */
  enum Store {
    TRUST("trustStorePassword", "IDFLOW_TRUST_STORE_PASSWORD"),
    KEY("keyStorePassword", "IDFLOW_KEY_STORE_PASSWORD");

    final String parameter;
    final String env;

    Store(String parameter, String env) {
      this.parameter = parameter;
      this.env = env;
    }
  }

  /**
   * The connection parameters of a remote goal, as the user gave them; {@code maxAnswerSize} in
   * MiB.
   */
  record Options(
      String serverId,
      String auth,
      int connectTimeout,
      int readTimeout,
      int retries,
      File trustStore,
      String trustStorePassword,
      File keyStore,
      String keyStorePassword,
      boolean insecure,
      int maxAnswerSize) {

    Options(
        String serverId,
        String auth,
        int connectTimeout,
        int readTimeout,
        int retries,
        File trustStore,
        String trustStorePassword,
        File keyStore,
        String keyStorePassword,
        boolean insecure) {
      this(
          serverId,
          auth,
          connectTimeout,
          readTimeout,
          retries,
          trustStore,
          trustStorePassword,
          keyStore,
          keyStorePassword,
          insecure,
          ConductorClient.DEFAULT_MAX_ANSWER_MIB);
    }

    static Options defaults() {
      return new Options(
          null,
          "auto",
          ConductorClient.DEFAULT_CONNECT_TIMEOUT_SECONDS,
          ConductorClient.DEFAULT_READ_TIMEOUT_SECONDS,
          ConductorClient.DEFAULT_RETRIES,
          null,
          null,
          null,
          null,
          false);
    }

    @Override
    public String toString() {
      return "Options[serverId="
          + serverId
          + ", auth="
          + auth
          + ", connectTimeout="
          + connectTimeout
          + ", readTimeout="
          + readTimeout
          + ", retries="
          + retries
          + ", trustStore="
          + trustStore
          + ", keyStore="
          + keyStore
          + ", insecure="
          + insecure
          + ", maxAnswerSize="
          + maxAnswerSize
          + "]";
    }
  }

  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final Map<String, String> env;
  private final IdflowLog log;

  /**
   * {@code settings} and {@code decrypter} may be null (a Mojo built by hand): no servers, no
   * proxies, online.
   */
  ConnectionFactory(
      Settings settings, SettingsDecrypter decrypter, Map<String, String> env, IdflowLog log) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.env = env;
    this.log = log;
  }

  ConductorClient client(String url, Options options) {
    return builder(url, options).build();
  }

  ConductorClient.Builder builder(String url, Options options) {
    URI uri = uri(url);
    checkOnline(uri, url);
    if (uri.getRawUserInfo() != null) {
      log.warn(
          "Ignoring the user info in the Conductor URL "
              + Urls.withoutUserInfo(url)
              + ": put credentials in a settings.xml <server> and set serverId");
    }
    AuthMode mode = AuthMode.parse(options.auth());
    if (options.connectTimeout() < 0 || options.readTimeout() < 0) {
      throw new IdflowException(
          "Timeouts are seconds, 0 (none) or more: connectTimeout="
              + options.connectTimeout()
              + ", readTimeout="
              + options.readTimeout());
    }
    if (options.retries() < 0) {
      throw new IdflowException("retries must be 0 or more, got " + options.retries());
    }
    if (options.maxAnswerSize() <= 0) {
      throw new IdflowException("maxAnswerSize is MiB, 1 or more, got " + options.maxAnswerSize());
    }
    return ConductorClient.builder(url)
        .log(log)
        .auth(mode)
        .credentials(credentials(options.serverId()).orElse(null))
        .connectTimeout(Duration.ofSeconds(options.connectTimeout()))
        .readTimeout(Duration.ofSeconds(options.readTimeout()))
        .retries(options.retries())
        .maxAnswerBytes((long) options.maxAnswerSize() << 20)
        .proxy(proxy(uri.getScheme(), uri.getHost()).orElse(null))
        .tls(
            new TlsOptions(
                path(options.trustStore()),
                storePassword(Store.TRUST, options.trustStorePassword()),
                path(options.keyStore()),
                storePassword(Store.KEY, options.keyStorePassword()),
                options.insecure()));
  }

  /**
   * A store's password: the parameter, decrypted when given as Maven encrypts passwords ({@code
   * {...}}), else the store's environment variable; null when neither is set.
   */
  String storePassword(Store store, String parameter) {
    if (parameter != null && !parameter.isEmpty()) {
      return secret(parameter, store.parameter);
    }
    String value = env.get(store.env);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * Offline builds fail at once rather than wait for a connection timeout, except for a server on
   * this machine (the one {@code start-server} runs needs no network).
   */
  private void checkOnline(URI uri, String url) {
    if (settings == null || !settings.isOffline() || Urls.isLoopback(uri.getHost())) {
      return;
    }
    throw new IdflowException(
        "Maven is offline (-o): not connecting to Conductor at "
            + Urls.withoutUserInfo(url)
            + ". Build without -o, or use a server on this machine (localhost), such as the one"
            + " start-server runs");
  }

  /**
   * settings.xml's {@code <server>} when {@code serverId} is set, else the environment's
   * credentials.
   */
  Optional<Credentials> credentials(String serverId) {
    if (serverId == null || serverId.isBlank()) {
      return Credentials.fromEnvironment(env);
    }
    String id = serverId.trim();
    Server decrypted = server(id, "add one with the Conductor credentials, or drop serverId");
    String source = "settings.xml server '" + id + "'";
    String username = decrypted.getUsername();
    String password = decrypted.getPassword();
    if (password == null || password.isBlank()) {
      throw new IdflowException(
          source
              + " has no <password>: put the key secret, password or token there"
              + " (encrypt it with mvn --encrypt-password)");
    }
    if (Credentials.presentIn(env)) {
      log.debug(
          "Using the credentials of "
              + source
              + "; ignoring "
              + Credentials.KEY_ENV
              + ", "
              + Credentials.SECRET_ENV
              + " and "
              + Credentials.TOKEN_ENV
              + " from the environment");
    }
    return Optional.of(
        username == null || username.isBlank()
            ? Credentials.token(password, source)
            : Credentials.of(username, password, source));
  }

  /**
   * settings.xml's {@code <server>} {@code id}, its passwords decrypted; an error that lists the
   * known ids and ends with {@code fix} when there is none.
   */
  Server server(String id, String fix) {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      List<String> known =
          settings == null
              ? List.of()
              : settings.getServers().stream().map(Server::getId).sorted().toList();
      throw new IdflowException(
          "No <server> with id '"
              + id
              + "' in settings.xml ("
              + (known.isEmpty() ? "it has none" : "known: " + String.join(", ", known))
              + "): "
              + fix);
    }
    return decrypt(server, id);
  }

  private Server decrypt(Server server, String id) {
    if (decrypter == null) {
      return server;
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    failOn(result.getProblems(), "settings.xml server '" + id + "'");
    return result.getServer();
  }

  /**
   * The active settings.xml proxy for the URL's protocol; for https, an http proxy when no https
   * one is declared (most settings.xml files only have that one, and Maven's resolver uses it so
   * too).
   */
  Optional<ProxyOptions> proxy(String scheme, String host) {
    if (settings == null) {
      return Optional.empty();
    }
    List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
    Optional<Proxy> chosen =
        active.stream().filter(p -> scheme.equalsIgnoreCase(protocol(p))).findFirst();
    if (chosen.isEmpty() && scheme.equalsIgnoreCase("https")) {
      chosen = active.stream().filter(p -> "http".equalsIgnoreCase(protocol(p))).findFirst();
    }
    return chosen.map(
        p -> {
          Proxy proxy = p;
          if (decrypter != null) {
            SettingsDecryptionResult result =
                decrypter.decrypt(new DefaultSettingsDecryptionRequest(p));
            failOn(result.getProblems(), "settings.xml proxy '" + p.getId() + "'");
            proxy = result.getProxy();
          }
          return new ProxyOptions(
              proxy.getHost(),
              proxy.getPort(),
              proxy.getUsername(),
              proxy.getPassword(),
              proxy.getNonProxyHosts());
        });
  }

  private static String protocol(Proxy p) {
    return p.getProtocol() == null ? "http" : p.getProtocol().toLowerCase(Locale.ROOT);
  }

  /** A store password, decrypted when given as Maven encrypts passwords ({@code {...}}). */
  private String secret(String value, String name) {
    if (value == null || value.isEmpty() || decrypter == null || !value.trim().startsWith("{")) {
      return value;
    }
    Server holder = new Server();
    holder.setId(name);
    holder.setPassword(value.trim());
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(holder));
    failOn(result.getProblems(), name);
    return result.getServer().getPassword();
  }

  private static void failOn(List<SettingsProblem> problems, String what) {
    List<SettingsProblem> errors =
        problems.stream().filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING).toList();
    if (!errors.isEmpty()) {
      throw new IdflowException(
          "Cannot decrypt "
              + what
              + ": "
              + errors.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
              + " (check the master password in settings-security.xml)");
    }
  }

  private static java.nio.file.Path path(File file) {
    return file == null ? null : file.toPath();
  }

  private static URI uri(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IdflowException(
          "Not an http(s) URL: '"
              + Urls.withoutUserInfo(url)
              + "' (expected e.g. http://localhost:8080)");
    }
  }
}
