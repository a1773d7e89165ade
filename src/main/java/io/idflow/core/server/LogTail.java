package io.idflow.core.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The last lines of a log file, read from its end so a large log costs no more than a small one.
 */
public final class LogTail {
  private static final int MAX_BYTES = 256 * 1024;

  /**
   * A line of the JVM's own AppCDS logging, such as the hundreds of {@code [warning][cds] Skipping
   * ...: Unsupported location} lines that {@code -XX:+AutoCreateSharedArchive} writes when a server
   * that failed to start exits: without this filter they are all a failure's tail shows.
   */
  private static final Pattern JVM_CDS_LOG =
      Pattern.compile("^\\[[^\\]]*\\]\\[\\w+\\]\\[cds[^\\]]*\\].*");

  private LogTail() {}

  /**
   * At most {@code count} last lines, joined with newlines; empty when the file is missing or
   * unreadable.
   */
  public static String lastLines(Path file, int count) {
    return lastLines(file, count, line -> true);
  }

  /** The last lines of a server's log that say why it failed: its JVM's AppCDS lines left out. */
  public static String lastServerLines(Path file, int count) {
    return lastLines(file, count, line -> !JVM_CDS_LOG.matcher(line).matches());
  }

  private static String lastLines(Path file, int count, Predicate<String> keep) {
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
      if (size < length && lines.size() > 1) {
        lines = lines.subList(1, lines.size()); // the first line was cut in the middle
      }
      lines = lines.stream().filter(keep).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
