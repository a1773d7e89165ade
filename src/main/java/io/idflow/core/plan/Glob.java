package io.idflow.core.plan;

import java.util.regex.Pattern;

/**
 * A name glob: {@code *} matches any run of characters, {@code ?} one character, the rest itself.
 */
public record Glob(String text, Pattern pattern) {

  public static Glob of(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(text, Pattern.compile(regex.toString()));
  }

  public boolean matches(String name) {
    return pattern.matcher(name).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
