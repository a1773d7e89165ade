package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.goal.Validate;
import io.idflow.core.model.Kind;
import io.idflow.core.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules read from schedules/ and checked offline; the server parses the cron at sync. */
class ScheduleRulesTest {
  @TempDir Path project;

  private java.util.List<String> problems(String json) throws IOException {
    Path file = project.resolve("idflow/schedules/s.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return Validate.run(LocalFiles.of(project.resolve("idflow")), null, false)
        .defs()
        .problems()
        .stream()
        .map(Problem::toString)
        .toList();
  }

  @Test
  void aValidScheduleLoadsByNameWithAWarningForAWorkflowNoFileDefines() throws IOException {
    assertThat(
            problems(
                "[{\"name\": \"nightly\", \"cronExpression\": \"0 0 3 * * MON-FRI\", \"zoneId\":"
                    + " \"Europe/Berlin\", \"startWorkflowRequest\": {\"name\": \"report\"}},"
                    + " {\"name\": \"daily\", \"cronExpression\": \"@daily\","
                    + " \"startWorkflowRequest\": {\"name\": \"report\", \"version\": 2}}]"))
        .containsExactlyInAnyOrder(
            "idflow/schedules/s.json at /0/startWorkflowRequest (schedule nightly): it starts"
                + " workflow report, which is not defined in local files; it must exist on the"
                + " server (check-missing checks it)",
            "idflow/schedules/s.json at /1/startWorkflowRequest (schedule daily): it starts"
                + " workflow report v2, which is not defined in local files; it must exist on the"
                + " server (check-missing checks it)");
    assertThat(
            DefinitionLoader.load(project.resolve("idflow")).of(Kind.SCHEDULE).stream()
                .map(d -> d.id().toString()))
        .containsExactly("daily", "nightly");
  }

  @Test
  void everyMistakeIsAnErrorWithItsPath() throws IOException {
    assertThat(
            problems(
                "{\"name\": \"bad\", \"cronExpression\": \"0 9 * * *\", \"zoneId\": \"Mars/Base\","
                    + " \"paused\": \"yes\", \"scheduleStartTime\": 20, \"scheduleEndTime\": 10,"
                    + " \"startWorkflowRequest\": {\"version\": 1}}"))
        .containsExactly(
            "idflow/schedules/s.json at /cronExpression (schedule bad): '0 9 * * *' is not a cron"
                + " expression the server reads: six fields, second minute hour day-of-month month"
                + " day-of-week (\"0 0 9 * * MON-FRI\"), or one of @annually, @daily, @hourly,"
                + " @midnight, @monthly, @weekly, @yearly",
            "idflow/schedules/s.json at /zoneId (schedule bad): 'Mars/Base' is not a time zone"
                + " id: use one such as UTC or Europe/Berlin",
            "idflow/schedules/s.json at /startWorkflowRequest (schedule bad): a schedule needs a"
                + " 'startWorkflowRequest' with the 'name' of the workflow it starts",
            "idflow/schedules/s.json at /paused (schedule bad): 'paused' must be true or false",
            "idflow/schedules/s.json at /scheduleEndTime (schedule bad): the schedule ends (10)"
                + " before it starts (20): times are epoch milliseconds");
  }
}
