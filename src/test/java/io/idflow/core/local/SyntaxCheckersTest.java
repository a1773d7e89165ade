package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdicts of {@link JsonPathSyntax} and {@link ScriptSyntax} next to those of the libraries
 * the server uses (Jayway JsonPath 2.9.0, GraalJS 25.0.2), which the expectations below were taken
 * from. The plugin may leave a refused path or script unjudged (expected null although the library
 * refuses it), never refuse an accepted one.
 */
class SyntaxCheckersTest {

  static Stream<Arguments> paths() {
    return Stream.of(
        // accepted by JsonPath
        Arguments.of("workflow.input.x", null),
        Arguments.of("workflow.input.x ", null),
        Arguments.of("a..b", null),
        Arguments.of("a[0].b", null),
        Arguments.of("a[ 0 ]..c", null),
        Arguments.of("a.*", null),
        Arguments.of("a[*].b", null),
        Arguments.of(".a", null),
        Arguments.of("a[", null),
        Arguments.of("$", null),
        Arguments.of("@.x", null),
        Arguments.of("a.length()", null),
        Arguments.of("a['x y']", null),
        Arguments.of("a\tb", null),
        // refused by JsonPath
        Arguments.of("get_es_1.output...status", "'.' at position 17 follows '..'"),
        Arguments.of("", "the path is empty"),
        Arguments.of("a.", "a path must not end with '.'"),
        Arguments.of("a. ", "a path must not end with '.'"),
        Arguments.of(
            "a b", "a name holds a space (position 1); JsonPath wants ['my name'] for that"),
        Arguments.of(" workflow.input", "a name must not start with a space (position 0)"),
        Arguments.of(
            "a[*].b c", "a name holds a space (position 6); JsonPath wants ['my name'] for that"),
        Arguments.of("$a", "'$' must be followed by '.' or '['"),
        Arguments.of("a.b(", null)); // refused, but functions are not followed
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("paths")
  void jsonPath(String path, String expected) {
    assertThat(JsonPathSyntax.problem(path)).isEqualTo(expected);
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        // parsed by GraalJS
        Arguments.of("", null),
        Arguments.of("$.a == 'x' ? 'yes' : 'no'", null),
        Arguments.of("(function(){ return $.a; })()", null),
        Arguments.of("a++", null),
        Arguments.of("x = 1.", null),
        Arguments.of("/* c */ $.a // c", null),
        Arguments.of("'a\\'b' + \"c\\\"d\"", null),
        Arguments.of("'x\\\ny'", null),
        Arguments.of("/[(]/.test($.a)", null),
        Arguments.of("a <!-- (", null),
        Arguments.of("$.x.return", null),
        // refused by GraalJS
        Arguments.of("$.a ==", "inline:1:4 expected an operand after '==' but found the end"),
        Arguments.of("a +* (", "inline:1:5 '(' is never closed"),
        Arguments.of("f(", "inline:1:1 '(' is never closed"),
        Arguments.of("a]", "inline:1:1 ']' closes nothing"),
        Arguments.of("(a]", "inline:1:2 expected ')' but found ']'"),
        Arguments.of("'abc", "inline:1:0 unterminated string"),
        Arguments.of("a\nb'c", "inline:2:1 unterminated string"),
        Arguments.of("\"abc\ndef\"", "inline:1:0 unterminated string"),
        Arguments.of("/* open", "inline:1:0 unterminated comment"),
        Arguments.of("return 1", "inline:1:0 return outside a function"),
        Arguments.of("a.", "inline:1:1 expected an operand after '.' but found the end"),
        Arguments.of("x =>", "inline:1:2 expected an operand after '=>' but found the end"),
        Arguments.of("a,", "inline:1:1 expected an operand after ',' but found the end"),
        Arguments.of(
            "if (a) { return 1 }", null), // refused, but a return inside braces is not judged
        Arguments.of("`${a`", null), // refused, but template literals are not judged
        Arguments.of("a ? b :", null)); // refused, not judged
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("scripts")
  void script(String script, String expected) {
    assertThat(ScriptSyntax.problem(script)).isEqualTo(expected);
  }
}
