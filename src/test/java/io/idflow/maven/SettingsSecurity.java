package io.idflow.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * A {@code settings-security.xml} with a master password, made as {@code mvn
 * --encrypt-master-password} does.
 */
final class SettingsSecurity {
  private static final String MASTER = "test-master-password";

  private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();
  private final Path file;

  SettingsSecurity(Path dir) throws Exception {
    file = dir.resolve("settings-security.xml");
    // Maven encrypts the master password with the fixed passphrase "settings.security".
    Files.writeString(
        file,
        "<settingsSecurity><master>"
            + cipher.encryptAndDecorate(MASTER, "settings.security")
            + "</master></settingsSecurity>");
  }

  /** {@code plain} as {@code mvn --encrypt-password} prints it: {@code {...}}. */
  String encrypt(String plain) throws Exception {
    return cipher.encryptAndDecorate(plain, MASTER);
  }

  /** A {@code settings.xml} with one {@code <server>}. */
  static Settings withServer(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    Settings settings = new Settings();
    settings.addServer(server);
    return settings;
  }

  SettingsDecrypter decrypter() {
    return new DefaultSettingsDecrypter(
        new DefaultSecDispatcher(cipher, Map.of(), file.toString()));
  }
}
