package io.idflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void escapesEveryControlCharacterAndBidiOverride() {
    assertThat(Texts.printable("a\nb\rc\u001b[2Jd\u202Ee\u0000f\tg"))
        .isEqualTo("a\\u000Ab\\u000Dc\\u001B[2Jd\\u202Ee\\u0000f\tg");
    assertThat(Texts.printable("plain text, ümlaut, 中文")).isEqualTo("plain text, ümlaut, 中文");
    assertThat(Texts.printable(null)).isNull();
  }

  @Test
  void printableLinesKeepsLineBreaksOnly() {
    assertThat(Texts.printableLines("one\ntwo\r\nthree\rfour\u001b"))
        .isEqualTo("one\ntwo\r\nthree\\u000Dfour\\u001B");
  }

  @Test
  void showsAPathBelowTheWorkingDirectoryRelativeToIt() {
    Path here = Path.of("").toAbsolutePath();
    assertThat(Texts.path(here.resolve("demo/target/idflow/server/server.log")))
        .isEqualTo(Path.of("demo/target/idflow/server/server.log").toString());
    assertThat(Texts.path(Path.of("/somewhere/else.log"))).isEqualTo("/somewhere/else.log");
  }
}
