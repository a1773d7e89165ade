package io.idflow.core;

/**
 * Text for the console: what a server or a file says, shown so that it cannot pass for something
 * else.
 */
public final class Texts {

  private Texts() {}

  /**
   * {@code text} with every control character escaped as {@code \\uXXXX}: line breaks, carriage
   * returns and terminal escape sequences from a server's message or a definition's name cannot
   * start a line of their own, overwrite one or recolour the terminal. Bidirectional overrides are
   * escaped too: they reorder what a reader sees. Null stays null.
   */
  public static String printable(String text) {
    return escape(text, false);
  }

  /**
   * As {@link #printable}, but line breaks ({@code \n}, {@code \r\n}) are kept: for text of several
   * lines that the plugin wrote.
   */
  public static String printableLines(String text) {
    return escape(text, true);
  }

  /** {@code text} cut to {@code max} characters, with {@code ...} when cut. */
  public static String shortened(String text, int max) {
    return text == null || text.length() <= max
        ? text
        : text.substring(0, Math.max(0, max - 3)) + "...";
  }

  /**
   * {@code path} as a message shows it: relative to the working directory (where Maven was started)
   * when it lies below it, so that output says {@code demo/target/idflow/server/server.log}, not a
   * machine's layout.
   */
  public static String path(java.nio.file.Path path) {
    if (path == null) {
      return null;
    }
    java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath().normalize();
    java.nio.file.Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(here) && !absolute.equals(here)
        ? here.relativize(absolute).toString()
        : path.toString();
  }

  private static String escape(String text, boolean keepLines) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lineBreak =
          keepLines
              && (c == '\n' || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
      if (!lineBreak && unsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean unsafe(char c) {
    return c < 0x20 && c != '\t'
        || c >= 0x7F && c <= 0x9F
        || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069
        || c == 0x2028
        || c == 0x2029
        || c == 0x200E
        || c == 0x200F;
  }
}
