package io.idflow.core.local;

/**
 * Whether Jayway JsonPath 2.9, which Conductor 3.32 asks about every {@code ${...}} in task inputs,
 * certainly refuses to compile a path. Paths made of dotted names, {@code ..}, {@code *}, and
 * simple {@code [n]} and {@code [*]} steps are followed as JsonPath reads them; what the plugin
 * does not follow (functions, filters, quoted bracket names, slices) gets the benefit of the doubt.
 *
 * <p>JsonPath's reading, as Conductor meets it: a path that does not start with {@code $} or
 * {@code @} gets {@code $.} in front; trailing spaces are dropped; then it must not end with {@code
 * .}; a name step ends at {@code .} or {@code [} and must not hold a space; three dots in a row are
 * refused; and reading stops, accepting the rest, once it stands on the last character.
 */
final class JsonPathSyntax {

  private JsonPathSyntax() {}

  /** Why JsonPath refuses {@code path}, or null when it compiles it or the plugin cannot tell. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "the path is empty";
    }
    boolean rooted = path.charAt(0) == '$' || path.charAt(0) == '@';
    String p = rooted ? path : "$." + path;
    int shift = rooted ? 0 : 2; // to give positions in what the user wrote
    int last = p.length() - 1;
    while (last > 0 && p.charAt(last) == ' ') {
      last--;
    }
    if (p.charAt(last) == '.') {
      return "a path must not end with '.'";
    }
    if (last == 0) {
      return null;
    }
    if (p.charAt(1) != '.' && p.charAt(1) != '[') {
      return "'" + p.charAt(0) + "' must be followed by '.' or '['";
    }
    int pos = 1;
    while (true) {
      char c = p.charAt(pos);
      if (c == '.') {
        // One dot, or two (a deep scan); never a third.
        pos += pos + 1 <= last && p.charAt(pos + 1) == '.' ? 2 : 1;
        if (p.charAt(pos) == '.') {
          return "'.' at position " + (pos - shift) + " follows '..'";
        }
        continue;
      }
      if (c == '*') {
        pos++;
      } else if (c == '[') {
        int after = simpleBracket(p, pos, last);
        if (after < 0) {
          return null; // a bracket step the plugin does not follow
        }
        pos = after;
      } else if (c == ' ') {
        return "a name must not start with a space (position " + (pos - shift) + ")";
      } else {
        int end = pos;
        while (end <= last && p.charAt(end) != '.' && p.charAt(end) != '[') {
          if (p.charAt(end) == ' ') {
            return "a name holds a space (position "
                + (end - shift)
                + "); JsonPath wants ['my name'] for that";
          }
          if (p.charAt(end) == '(') {
            return null; // a function call: not followed
          }
          end++;
        }
        pos = end;
      }
      if (pos >= last) {
        return null;
      }
    }
  }

  /**
   * For {@code [n]} (up to nine digits) and {@code [*]}, with spaces inside, the position after the
   * closing bracket; -1 for any other bracket step.
   */
  private static int simpleBracket(String p, int open, int last) {
    int i = open + 1;
    while (i <= last && p.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    if (i <= last && p.charAt(i) == '*') {
      i++;
    } else {
      while (i <= last && p.charAt(i) >= '0' && p.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return -1;
      }
    }
    while (i <= last && p.charAt(i) == ' ') {
      i++;
    }
    return i <= last && p.charAt(i) == ']' ? i + 1 : -1;
  }
}
