package io.idflow.core.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a log file, read from its end so a large log costs no more than a small one.
 */
public final class LogTail {
  private static final int MAX_BYTES = 256 * 1024;

  private LogTail() {}

  /**
   * At most {@code count} last lines, joined with newlines; empty when the file is missing or
   * unreadable.
   */
  public static String lastLines(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      int from = Math.max(0, lines.size() - count);
      if (size < length && from == 0 && lines.size() > 1) {
        from = 1; // the first line was cut in the middle
      }
      return String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
