package io.idflow.core.goal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.idflow.core.CollectingLog;
import io.idflow.core.client.ConductorClient;
import io.idflow.core.local.InvalidDefinitionsException;
import io.idflow.core.local.LocalFiles;
import io.idflow.core.outcome.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** test-workflows against a stubbed test API: what is sent, and how each expectation is judged. */
class TestWorkflowsTest {
  static final String TEST_API = "/api/workflow/test";

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path project;
  Path idflow;
  ConductorClient client;
  final CollectingLog log = new CollectingLog();

  @BeforeEach
  void setUp() throws IOException {
    idflow = project.resolve("idflow");
    write(
        "workflows/order.json",
        "{\"name\": \"order\", \"version\": 2, \"tasks\": [{\"name\": \"charge\","
            + " \"taskReferenceName\": \"charge_ref\", \"type\": \"SIMPLE\"}, {\"name\":"
            + " \"refund\", \"taskReferenceName\": \"refund_ref\", \"type\": \"SIMPLE\"}]}");
    write(
        "tests/order.json",
        """
        {"test": "charges the card", "name": "order", "input": {"id": 7},
         "taskRefToMockOutput": {"charge_ref": [{"status": "COMPLETED", "output": {"total": 41}}]},
         "expect": {"status": "COMPLETED", "output": {"/total": 42}, "ran": ["charge_ref"],
                    "notRun": ["refund_ref"], "taskStatus": {"charge_ref": "COMPLETED"}}}\
        """);
    client = ConductorClient.create(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private void write(String path, String text) throws IOException {
    Path file = idflow.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private TestOutcome run(String selection) {
    TestOutcome outcome =
        TestWorkflows.run(
            client, LocalFiles.of(idflow), new TestWorkflows.Options(selection, null, false), log);
    outcome.render(log);
    return outcome;
  }

  @Test
  void sendsTheLocalDefinitionWithTheMocksAndPassesWhenEverythingHolds() {
    server.stubFor(
        post(TEST_API)
            .willReturn(
                okJson(
                    "{\"status\": \"COMPLETED\", \"output\": {\"total\": 42.0}, \"tasks\":"
                        + " [{\"referenceTaskName\": \"charge_ref\", \"status\":"
                        + " \"COMPLETED\"}]}")));

    TestOutcome outcome = run(null);

    server.verify(
        postRequestedFor(urlEqualTo(TEST_API))
            .withRequestBody(
                matchingJsonPath("$.workflowDef.tasks[1].taskReferenceName", equalTo("refund_ref")))
            .withRequestBody(matchingJsonPath("$.version", equalTo("2")))
            .withRequestBody(
                matchingJsonPath(
                    "$.taskRefToMockOutput.charge_ref[0].output.total", equalTo("41"))));
    assertThat(outcome.failure()).isEmpty();
    assertThat(log.lines())
        .anyMatch(l -> l.matches("INFO ✓ charges the card \\(order v2\\) \\d+\\.\\d s"));
    assertThat(log.lines()).last().isEqualTo("INFO Tests: 1 run, 1 passed, 0 failed, 0 errors");
    assertThat(outcome.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("passed");
              assertThat(e.failed()).isFalse();
            });
  }

  @Test
  void aFailureShowsEveryExpectationThatDidNotHoldAndTheTasksThatRan() {
    server.stubFor(
        post(TEST_API)
            .willReturn(
                okJson(
                    "{\"status\": \"FAILED\", \"reasonForIncompletion\": \"refund failed\","
                        + " \"output\": {}, \"tasks\": [{\"referenceTaskName\": \"refund_ref\","
                        + " \"status\": \"FAILED\"}]}")));

    TestOutcome outcome = run(null);

    assertThat(log.lines())
        .contains(
            "ERROR     status: expected COMPLETED, was FAILED (refund failed)",
            "ERROR     output /total: expected 42, was (absent)",
            "ERROR     ran: expected charge_ref to run, ran refund_ref",
            "ERROR     notRun: refund_ref ran",
            "ERROR     taskStatus charge_ref: expected COMPLETED, was not run",
            "ERROR     tasks run: refund_ref FAILED",
            "ERROR Tests: 1 run, 0 passed, 1 failed, 0 errors");
    assertThat(outcome.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "Tests: 1 run, 0 passed, 1 failed, 0 errors: charges the card (listed"
                            + " above)"));
    assertThat(outcome.entries().get(0).outcome()).isEqualTo("failed");
  }

  @Test
  void aCaseTheServerCannotRunIsAnErrorNotAFailure() {
    server.stubFor(
        post(TEST_API)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"status\":400,\"message\":\"Validation failed\"}")));

    TestOutcome outcome = run(null);

    assertThat(outcome.count(TestOutcome.Status.ERROR)).isEqualTo(1);
    assertThat(log.lines())
        .anyMatch(
            l ->
                l.startsWith("ERROR ! charges the card (order v2)")
                    && l.endsWith(": Conductor could not run it"));
    assertThat(log.lines())
        .anyMatch(l -> l.startsWith("ERROR     POST ") && l.contains("answered 400"));
    assertThat(outcome.entries().get(0).outcome()).isEqualTo("error");
  }

  @Test
  void anInvalidCaseStopsTheRunBeforeAnythingIsSent() throws IOException {
    write(
        "tests/bad.json",
        "{\"test\": \"typo\", \"name\": \"order\", \"expect\": {\"satus\": \"COMPLETED\"}}");

    assertThatThrownBy(() -> run(null))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageStartingWith("1 invalid test case problem (nothing was sent to Conductor):")
        .hasMessageContaining(
            "idflow/tests/bad.json at /expect/satus (test 'typo'): is no expectation");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aGlobSelectsTheCases() {
    TestOutcome outcome = run("refunds*");

    assertThat(outcome.results()).isEmpty();
    assertThat(log.lines())
        .filteredOn(l -> l.startsWith("INFO"))
        .containsExactly("INFO No workflow tests to run (none matches idflow.test=refunds*)");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void ranChecksTheOrder() {
    assertThat(
            TestWorkflows.check(
                json("{\"ran\": [\"b\", \"a\"]}"),
                json(
                    "{\"status\": \"COMPLETED\", \"tasks\": [{\"referenceTaskName\": \"a\"},"
                        + " {\"referenceTaskName\": \"b\"}]}")))
        .containsExactly("ran: expected a later, in the order given, ran a, b");
    assertThat(
            TestWorkflows.check(
                json("{\"ran\": [\"a\", \"a\"]}"),
                json(
                    "{\"tasks\": [{\"referenceTaskName\": \"a\"}, {\"referenceTaskName\":"
                        + " \"a\"}]}")))
        .isEmpty();
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
    try {
      return (com.fasterxml.jackson.databind.node.ObjectNode)
          io.idflow.core.Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
