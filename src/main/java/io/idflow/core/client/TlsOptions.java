package io.idflow.core.client;

import io.idflow.core.IdflowException;
import io.idflow.core.IdflowLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS beyond the JVM's defaults: a trust store for a private CA, a key store with a client
 * certificate (mutual TLS), or no verification at all ({@code insecure}, for test servers only).
 * Store types (PKCS12, JKS) are detected from the files. {@link #toString()} never shows a
 * password.
 *
 * @param trustStore replaces the JVM's trust store; null keeps it
 * @param keyStore holds the client certificate and its key (the key's password is the store's);
 *     null for none
 * @param insecure trusts every certificate and host name, and says so loudly
 */
public record TlsOptions(
    Path trustStore,
    String trustStorePassword,
    Path keyStore,
    String keyStorePassword,
    boolean insecure) {

  /** The JVM's defaults. */
  public static final TlsOptions DEFAULT = new TlsOptions(null, null, null, null, false);

  boolean isDefault() {
    return trustStore == null && keyStore == null && !insecure;
  }

  void apply(OkHttpClient.Builder http, String url, IdflowLog log) {
    if (isDefault()) {
      return;
    }
    try {
      X509TrustManager trust;
      if (insecure) {
        log.warn(
            "TLS verification is OFF (insecure=true): any certificate and any host name is accepted"
                + " for "
                + url
                + ". Anyone on the network path can read and change this traffic, credentials"
                + " included. Use it for test servers only.");
        trust = new TrustEverything();
        http.hostnameVerifier((host, session) -> true);
      } else {
        trust =
            trustManager(
                trustStore == null ? null : load("trust store", trustStore, trustStorePassword));
      }
      KeyManager[] keys = null;
      if (keyStore != null) {
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load("key store", keyStore, keyStorePassword), chars(keyStorePassword));
        keys = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, new SecureRandom());
      http.sslSocketFactory(context.getSocketFactory(), trust);
    } catch (GeneralSecurityException e) {
      throw new IdflowException("Cannot set up TLS for " + url + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String what, Path file, String password) {
    if (!Files.isRegularFile(file)) {
      throw new IdflowException("The " + what + " " + file + " does not exist");
    }
    try {
      return KeyStore.getInstance(file.toFile(), chars(password));
    } catch (IOException | GeneralSecurityException e) {
      // The JDK says "keystore password was incorrect" or names the format problem; never the
      // password.
      throw new IdflowException(
          "Cannot read the "
              + what
              + " "
              + file
              + ": "
              + e.getMessage()
              + (password == null ? " (no password was given)" : ""),
          e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }

  @Override
  public String toString() {
    return "TlsOptions[trustStore="
        + trustStore
        + (trustStorePassword == null ? "" : " (password ****)")
        + ", keyStore="
        + keyStore
        + (keyStorePassword == null ? "" : " (password ****)")
        + ", insecure="
        + insecure
        + "]";
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
