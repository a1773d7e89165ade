package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedule checked offline: a cron expression of the shape the server's parser (Spring's {@code
 * CronExpression}) reads, a zone id, the workflow it starts, its time window. The server stores any
 * text as a cron expression and fails only when it runs, so {@code sync-schedules} also asks the
 * server to parse each one before it writes anything.
 */
final class ScheduleRules {
  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,#\\-]+");

  private ScheduleRules() {}

  static List<Finding> check(JsonNode schedule) {
    List<Finding> out = new ArrayList<>();
    JsonNode cron = schedule.path("cronExpression");
    if (!cron.isTextual() || cron.asText().isBlank()) {
      out.add(
          Finding.error(
              "/cronExpression",
              "a schedule needs a 'cronExpression': six fields, second minute hour day-of-month"
                  + " month day-of-week (\"0 0 9 * * MON-FRI\"), or a macro such as @daily"));
    } else if (!cronShape(cron.asText().trim())) {
      out.add(
          Finding.error(
              "/cronExpression",
              "'"
                  + cron.asText()
                  + "' is not a cron expression the server reads: six fields, second minute hour"
                  + " day-of-month month day-of-week (\"0 0 9 * * MON-FRI\"), or one of "
                  + String.join(", ", MACROS.stream().sorted().toList())));
    }
    JsonNode zone = schedule.path("zoneId");
    if (!zone.isMissingNode() && !zone.isNull()) {
      try {
        ZoneId.of(zone.asText());
      } catch (DateTimeException e) {
        out.add(
            Finding.error(
                "/zoneId",
                "'"
                    + zone.asText()
                    + "' is not a time zone id: use one such as UTC or Europe/Berlin"));
      }
    }
    JsonNode request = schedule.path("startWorkflowRequest");
    if (!request.isObject()
        || !request.path("name").isTextual()
        || request.path("name").asText().isBlank()) {
      out.add(
          Finding.error(
              "/startWorkflowRequest",
              "a schedule needs a 'startWorkflowRequest' with the 'name' of the workflow it"
                  + " starts"));
    } else {
      JsonNode version = request.path("version");
      if (!version.isMissingNode()
          && !version.isNull()
          && !(version.isIntegralNumber() && version.asLong() >= 1)) {
        out.add(
            Finding.error(
                "/startWorkflowRequest/version",
                "the version to start must be a whole number from 1, found "
                    + DefinitionLoader.describe(version)
                    + "; leave it out to start the latest"));
      }
    }
    for (String flag : List.of("paused", "runCatchupScheduleInstances")) {
      if (schedule.has(flag) && !schedule.get(flag).isBoolean()) {
        out.add(Finding.error("/" + flag, "'" + flag + "' must be true or false"));
      }
    }
    JsonNode start = schedule.path("scheduleStartTime");
    JsonNode end = schedule.path("scheduleEndTime");
    if (start.isIntegralNumber() && end.isIntegralNumber() && start.asLong() >= end.asLong()) {
      out.add(
          Finding.error(
              "/scheduleEndTime",
              "the schedule ends ("
                  + end.asLong()
                  + ") before it starts ("
                  + start.asLong()
                  + "): times are epoch milliseconds"));
    }
    return out;
  }

  private static boolean cronShape(String cron) {
    if (cron.startsWith("@")) {
      return MACROS.contains(cron.toLowerCase(java.util.Locale.ROOT));
    }
    String[] fields = cron.split("\\s+");
    if (fields.length != 6) {
      return false;
    }
    for (String field : fields) {
      if (!FIELD.matcher(field).matches()) {
        return false;
      }
    }
    return true;
  }
}
