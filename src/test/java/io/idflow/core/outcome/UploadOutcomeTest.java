package io.idflow.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.idflow.core.CollectingLog;
import io.idflow.core.IdflowException;
import io.idflow.core.client.ConductorException;
import io.idflow.core.diff.Difference;
import io.idflow.core.model.Kind;
import io.idflow.core.outcome.UploadResult.Status;
import io.idflow.core.plan.DriftPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadOutcomeTest {

  private static UploadResult result(String name, Status status) {
    return new UploadResult(name, 1, status, List.of(), null);
  }

  private static UploadOutcome report(int files, List<UploadResult> results) {
    return new UploadOutcome(
        Kind.WORKFLOW, files, false, false, DriftPolicy.WARN, results, null, "http://h");
  }

  private static List<String> rendered(UploadOutcome report) {
    CollectingLog log = new CollectingLog();
    report.render(log);
    return log.lines();
  }

  @Test
  void saysAllAreUpToDate() {
    UploadOutcome report =
        report(
            3,
            List.of(
                result("a", Status.UP_TO_DATE),
                result("b", Status.UP_TO_DATE),
                result("c", Status.UP_TO_DATE)));

    assertThat(rendered(report))
        .containsExactly(
            "INFO Found 3 workflow files",
            "INFO Workflow a is up to date (already exists in Conductor)",
            "INFO Workflow b is up to date (already exists in Conductor)",
            "INFO Workflow c is up to date (already exists in Conductor)",
            "INFO ",
            "INFO Skipped 3 workflows (already up to date)",
            "INFO ",
            "INFO Summary: All 3 workflows are up to date");
    assertThat(report.failed()).isFalse();
  }

  @Test
  void listsUploadsThenSkipsThenTheSummary() {
    UploadOutcome report =
        report(
            3,
            List.of(
                result("a", Status.UP_TO_DATE),
                result("b", Status.UPLOADED),
                result("c", Status.UP_TO_DATE)));

    assertThat(rendered(report))
        .containsExactly(
            "INFO Found 3 workflow files",
            "INFO Workflow a is up to date (already exists in Conductor)",
            "INFO ✓ Uploaded workflow: b",
            "INFO Workflow c is up to date (already exists in Conductor)",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✓ b",
            "INFO ",
            "INFO Skipped 2 workflows (already up to date)",
            "INFO ",
            "INFO Summary: 1/3 workflows uploaded successfully");
  }

  @Test
  void countsDefinitionsWhenFilesHoldSeveralAndShowsVersionsOfTheSameName() {
    UploadOutcome report =
        report(
            1,
            List.of(
                new UploadResult("a", 1, Status.UPLOADED, List.of(), null),
                new UploadResult("a", 2, Status.UPLOADED, List.of(), null)));

    assertThat(rendered(report))
        .containsExactly(
            "INFO Found 1 workflow file (2 workflows)",
            "INFO ✓ Uploaded workflow: a v1",
            "INFO ✓ Uploaded workflow: a v2",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✓ a v1",
            "INFO   ✓ a v2",
            "INFO ",
            "INFO Summary: 2/2 workflows uploaded successfully");
  }

  @Test
  void showsOnlyTheSelectedWorkflowInASingleWorkflowRun() {
    UploadOutcome report =
        new UploadOutcome(
            Kind.WORKFLOW,
            3,
            true,
            false,
            DriftPolicy.WARN,
            List.of(result("b", Status.UPLOADED)),
            null,
            "http://h");

    assertThat(rendered(report))
        .containsExactly(
            "INFO ✓ Uploaded workflow: b",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✓ b",
            "INFO ",
            "INFO Summary: 1/1 workflows uploaded successfully");
  }

  @Test
  void warnsAboutDriftWithItsPathsAndTheWayOut() {
    UploadResult drifted =
        new UploadResult(
            "a",
            1,
            Status.DRIFTED,
            List.of(
                new Difference("/timeoutSeconds", IntNode.valueOf(60), IntNode.valueOf(120)),
                new Difference("/description", null, TextNode.valueOf("new"))),
            null);
    UploadOutcome report = report(2, List.of(drifted, result("b", Status.UPLOADED)));

    assertThat(rendered(report))
        .containsExactly(
            "INFO Found 2 workflow files",
            "WARN ⚠ Workflow a differs from Conductor at the same version (onDrift=warn), not"
                + " uploaded; remote -> local:",
            "WARN     /timeoutSeconds: 60 -> 120",
            "WARN     /description: (absent) -> \"new\"",
            "INFO ✓ Uploaded workflow: b",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✓ b",
            "INFO ",
            "WARN Skipped 1 workflow that differs from Conductor (onDrift=warn): bump the version,"
                + " or use -Didflow.onDrift=overwrite to replace the server's copy",
            "INFO ",
            "INFO Summary: 1/2 workflows uploaded successfully, 1 differs from Conductor and was"
                + " skipped");
  }

  @Test
  void putsDriftAfterTheUpToDateCount() {
    UploadOutcome report =
        report(
            3,
            List.of(
                result("a", Status.DRIFTED),
                result("b", Status.DRIFTED),
                result("c", Status.UP_TO_DATE)));

    assertThat(rendered(report))
        .endsWith(
            "INFO ",
            "INFO Skipped 1 workflow (already up to date)",
            "WARN Skipped 2 workflows that differ from Conductor (onDrift=warn): bump the version,"
                + " or use -Didflow.onDrift=overwrite to replace the server's copy",
            "INFO ",
            "INFO Summary: 0/3 workflows uploaded successfully, 2 differ from Conductor and were"
                + " skipped");
  }

  @Test
  void givesEveryLineItsOwnLogCall() {
    UploadOutcome report =
        report(
            2,
            List.of(
                result("a", Status.DRIFTED),
                new UploadResult("b", 1, Status.FAILED, List.of(), "first\nsecond")));

    assertThat(rendered(report)).noneMatch(line -> line.contains("\n") || line.contains("\r"));
  }

  @Test
  void logsFailuresAsErrorsWithEveryLineOfTheReasonIndented() {
    UploadOutcome report =
        report(
            2,
            List.of(
                new UploadResult(
                    "a",
                    1,
                    Status.FAILED,
                    List.of(),
                    "rejected by Conductor (400): one" + System.lineSeparator() + "two"),
                result("b", Status.FAILED)));

    assertThat(rendered(report))
        .containsExactly(
            "INFO Found 2 workflow files",
            "ERROR ✗ Failed to upload workflow: a",
            "ERROR     rejected by Conductor (400): one",
            "ERROR     two",
            "ERROR ✗ Failed to upload workflow: b",
            "INFO ",
            "INFO Workflow upload results:",
            "INFO   ✗ a",
            "INFO   ✗ b",
            "INFO ",
            "ERROR Summary: 0/2 workflows uploaded, 2 failed");
    assertThat(report.failed()).isTrue();
  }

  @Test
  void summarisesADryRun() {
    UploadOutcome report =
        new UploadOutcome(
            Kind.WORKFLOW,
            3,
            false,
            true,
            DriftPolicy.WARN,
            List.of(
                new UploadResult("a", 1, Status.WOULD_UPLOAD, List.of(), "not in Conductor"),
                result("b", Status.UP_TO_DATE),
                result("c", Status.DRIFTED)),
            null,
            "http://h");

    assertThat(rendered(report))
        .contains("INFO Would upload workflow: a (not in Conductor)")
        .endsWith(
            "INFO Summary: dry run, nothing was uploaded; 1/3 workflows would be uploaded, 1"
                + " differs from Conductor");
  }

  @Test
  void neverCallsDriftUnderFailASuccess() {
    IdflowException drift =
        new IdflowException(
            "Drift (onDrift=fail): 1 workflow differs from Conductor at the same version");
    UploadOutcome report =
        new UploadOutcome(
            Kind.WORKFLOW,
            1,
            false,
            false,
            DriftPolicy.FAIL,
            List.of(result("a", Status.DRIFTED)),
            drift,
            "http://h");

    assertThat(report.summary())
        .isEqualTo("Summary: 0/1 workflows uploaded, 1 differs from Conductor");
    assertThat(rendered(report))
        .last()
        .isEqualTo("ERROR Summary: 0/1 workflows uploaded, 1 differs from Conductor");
    assertThat(report.failed()).isTrue();
    assertThat(report.serverUnavailable()).isFalse();
  }

  @Test
  void tellsAnUnavailableServerFromARejection() {
    ConductorException down =
        new ConductorException("PUT http://h/api/metadata/workflow", 503, "busy", List.of(), null);
    ConductorException refused =
        new ConductorException("PUT http://h/api/metadata/workflow", 400, "bad", List.of(), null);

    assertThat(
            new UploadOutcome(
                    Kind.WORKFLOW,
                    1,
                    false,
                    false,
                    DriftPolicy.WARN,
                    List.of(result("a", Status.FAILED)),
                    down,
                    "http://h")
                .serverUnavailable())
        .isTrue();
    assertThat(
            new UploadOutcome(
                    Kind.WORKFLOW,
                    1,
                    false,
                    false,
                    DriftPolicy.WARN,
                    List.of(result("a", Status.FAILED)),
                    refused,
                    "http://h")
                .serverUnavailable())
        .isFalse();
  }
}
