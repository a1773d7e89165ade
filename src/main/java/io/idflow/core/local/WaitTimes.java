package io.idflow.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conductor 3.32's checks of a WAIT task's {@code duration} and {@code until} inputs at
 * registration: not both, and the one it reads must parse, unless it is an expression ({@code
 * ${...}}) to be resolved when the workflow runs.
 *
 * <p>A duration is whole days, hours, minutes and seconds in that order, each optional, each a
 * number and a unit ({@code 2 days 3 hrs}, {@code 1d2h30m10s}), case ignored; a number that does
 * not fit an int is refused too. A date is read with {@code yyyy-MM-dd HH:mm}, {@code yyyy-MM-dd
 * HH:mm z} or {@code yyyy-MM-dd}, leniently (month 13 rolls over): the plugin refuses only what has
 * not that shape, and leaves the time zone names (which depend on the server's locale) and the
 * number ranges to it.
 */
final class WaitTimes {

  static final String BOTH = "Both 'duration' and 'until' specified. Please provide only one input";
  static final String BAD_DURATION = "Either date or duration is passed as null";
  static final String BAD_DATE = "Unable to parse date";

  private static final Pattern DURATION =
      Pattern.compile(
          "\\s*(?:(\\d+)\\s*(?:days?|d))?\\s*(?:(\\d+)\\s*(?:hours?|hrs?|h))?"
              + "\\s*(?:(\\d+)\\s*(?:minutes?|mins?|m))?\\s*(?:(\\d+)\\s*(?:seconds?|secs?|s))?\\s*",
          Pattern.CASE_INSENSITIVE);

  /** Any blank the date parser skips. */
  private static final String BLANK = "[\\s\\p{Z}\\p{javaWhitespace}]";

  /** Everything the lenient date parser may accept; what falls outside is certainly refused. */
  private static final Pattern DATE_SHAPE =
      Pattern.compile(
          BLANK
              + "*\\p{Nd}+-"
              + BLANK
              + "*\\p{Nd}+-"
              + BLANK
              + "*\\p{Nd}+"
              + "(?:"
              + BLANK
              + "+\\p{Nd}+:"
              + BLANK
              + "*\\p{Nd}+(?:"
              + BLANK
              + "+\\S.*)?)?",
          Pattern.DOTALL);

  private WaitTimes() {}

  /** The findings on a WAIT task at {@code at} whose inputs are {@code inputs} (an object). */
  static List<Finding> check(JsonNode inputs, String at) {
    List<Finding> out = new ArrayList<>();
    String duration = shown(inputs.get("duration"));
    String until = shown(inputs.get("until"));
    if (!isBlank(duration) && !isBlank(until)) {
      out.add(Finding.error(at + "/inputParameters", BOTH));
    }
    // As the server: the duration when there is one, else the date.
    if (!isBlank(duration) && !duration.startsWith("${")) {
      if (!isDuration(duration)) {
        out.add(
            Finding.error(
                at + "/inputParameters/duration",
                BAD_DURATION
                    + " (found "
                    + inputs.get("duration")
                    + "; a duration is like \"2 days 3 hours 10 minutes 5 seconds\" or"
                    + " \"2d3h10m5s\")"));
      }
    } else if (!isBlank(until) && !until.startsWith("${") && !DATE_SHAPE.matcher(until).matches()) {
      out.add(
          Finding.error(
              at + "/inputParameters/until",
              BAD_DATE
                  + " (found "
                  + inputs.get("until")
                  + "; a date is like \"2030-01-31\", \"2030-01-31 14:30\" or \"2030-01-31 14:30"
                  + " UTC\")"));
    }
    return out;
  }

  /**
   * The text the server reads: a string as it is, nothing as "", anything else in its JSON form
   * (never a valid time).
   */
  private static String shown(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  private static boolean isBlank(String s) {
    return s.chars().allMatch(Character::isWhitespace);
  }

  private static boolean isDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return false;
    }
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null && !fitsInt(m.group(g))) {
        return false;
      }
    }
    return true;
  }

  private static boolean fitsInt(String digits) {
    try {
      Integer.parseInt(digits);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
