package io.idflow.core.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The syntax errors of a JavaScript expression that the plugin can tell without a JavaScript
 * engine, for the expressions Conductor 3.32 parses with GraalJS when it registers a workflow (a
 * DECISION's {@code caseExpression}, a {@code javascript} SWITCH's {@code expression}). Certain
 * errors only: an unterminated string or comment, brackets that do not pair up, an operator with
 * nothing after it at the end, a {@code return} outside any function. A script with a template
 * literal, a regular expression or a division (which the plugin cannot tell apart), or an HTML-like
 * comment is not judged.
 */
final class ScriptSyntax {

  private ScriptSyntax() {}

  /**
   * Why GraalJS refuses {@code script}, as {@code inline:line:column reason}; null when it may
   * parse it.
   */
  static String problem(String script) {
    if (script.startsWith("#!") || script.contains("<!--") || script.contains("-->")) {
      return null;
    }
    Deque<Integer> open = new ArrayDeque<>(); // positions of the brackets still open
    String lastOperator = null; // the run of operator characters the script ends with, if it does
    int lastOperatorAt = -1;
    char before = ' '; // the last significant character before the current token
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
        i++;
        continue;
      }
      if (c == '/') {
        if (i + 1 < n && script.charAt(i + 1) == '/') {
          while (i < n && !isLineEnd(script.charAt(i))) {
            i++;
          }
          continue;
        }
        if (i + 1 < n && script.charAt(i + 1) == '*') {
          int end = script.indexOf("*/", i + 2);
          if (end < 0) {
            return at(script, i, "unterminated comment");
          }
          i = end + 2;
          continue;
        }
        return null; // a regular expression or a division: not judged
      }
      if (c == '`') {
        return null; // a template literal: not judged
      }
      lastOperator = null;
      if (c == '\'' || c == '"') {
        int end = endOfString(script, i);
        if (end < 0) {
          return at(script, i, "unterminated string");
        }
        i = end + 1;
        before = c;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        open.push(i);
      } else if (c == ')' || c == ']' || c == '}') {
        if (open.isEmpty()) {
          return at(script, i, "'" + c + "' closes nothing");
        }
        char opener = script.charAt(open.pop());
        if (closer(opener) != c) {
          return at(script, i, "expected '" + closer(opener) + "' but found '" + c + "'");
        }
      } else if (Character.isJavaIdentifierPart(c) || c == '\\') {
        int start = i;
        while (i < n
            && (Character.isJavaIdentifierPart(script.charAt(i))
                || script.charAt(i) == '\\'
                || Character.isDigit(script.charAt(start)) && script.charAt(i) == '.')) {
          i++;
        }
        if (open.isEmpty()
            && before != '.'
            && script.startsWith("return", start)
            && i - start == 6) {
          return at(script, start, "return outside a function");
        }
        before = script.charAt(i - 1);
        continue;
      } else if (c != ';') {
        int start = i;
        while (i < n && "=!<>+-*%&|^~?:,.".indexOf(script.charAt(i)) >= 0) {
          i++;
        }
        if (i > start) {
          lastOperator = script.substring(start, i);
          lastOperatorAt = start;
          before = script.charAt(i - 1);
          continue;
        }
      }
      before = c;
      i++;
    }
    if (!open.isEmpty()) {
      int at = open.peekLast();
      return at(script, at, "'" + script.charAt(at) + "' is never closed");
    }
    if (lastOperator != null
        && !lastOperator.endsWith("++")
        && !lastOperator.endsWith("--")
        && !lastOperator.endsWith(":")) {
      return at(
          script,
          lastOperatorAt,
          "expected an operand after '" + lastOperator + "' but found the end");
    }
    return null;
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  /**
   * The index of the quote that ends the string starting at {@code start}, or -1 when it does not
   * end.
   */
  private static int endOfString(String script, int start) {
    char quote = script.charAt(start);
    for (int i = start + 1; i < script.length(); i++) {
      char c = script.charAt(i);
      if (c == '\\') {
        i++; // an escape, or a line continuation
        if (i + 1 < script.length() && script.charAt(i) == '\r' && script.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == quote) {
        return i;
      } else if (c == '\n' || c == '\r') {
        return -1;
      }
    }
    return -1;
  }

  private static char closer(char opener) {
    return opener == '(' ? ')' : opener == '[' ? ']' : '}';
  }

  /**
   * GraalJS's way of giving a place: {@code inline:line:column}, the line from 1, the column from
   * 0.
   */
  private static String at(String script, int index, String reason) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      char c = script.charAt(i);
      if (c == '\n'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\r' && (i + 1 >= script.length() || script.charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return "inline:" + line + ":" + (index - lineStart) + " " + reason;
  }
}
