package io.idflow.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over parts, each length-prefixed so that no two different lists of parts give the same
 * input: what keys results kept by content.
 */
public final class ContentKey {
  private final MessageDigest digest;

  private ContentKey() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  public static ContentKey start() {
    return new ContentKey();
  }

  /** The key of {@code parts}. */
  public static String of(Iterable<String> parts) {
    ContentKey key = start();
    parts.forEach(key::add);
    return key.hex();
  }

  public ContentKey add(String text) {
    return add(text == null ? new byte[] {-1} : text.getBytes(StandardCharsets.UTF_8));
  }

  public ContentKey add(byte[] bytes) {
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
    digest.update(bytes);
    return this;
  }

  /** The key, as 64 hex digits; the digest starts again. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
