package io.idflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void urlLosesUserInfoQueryAndFragment() {
    assertThat(Redaction.url("https://u:p@host:8443/api?token=x#f"))
        .isEqualTo("https://host:8443/api");
    assertThat(Redaction.url("http://127.0.0.1:1")).isEqualTo("http://127.0.0.1:1");
    assertThat(Redaction.url(" http://localhost:8080/api ")).isEqualTo("http://localhost:8080/api");
    assertThat(Redaction.url(null)).isNull();
  }

  @Test
  void textThatIsNoUrlStillLosesUserInfo() {
    assertThat(Redaction.url("http://u:p@bad host/x?y")).isEqualTo("http://bad host/x");
  }

  @Test
  void textLosesUserInfoOfEveryUrlAndEverySecret() {
    assertThat(
            Redaction.text("GET http://a:b@h/api and https://c@h2/x with key k3y", List.of("k3y")))
        .isEqualTo("GET http://h/api and https://h2/x with key ****");
    assertThat(Redaction.text("mail me at team@example.com", List.of()))
        .isEqualTo("mail me at team@example.com");
  }
}
