package io.idflow.core.apply;

import io.idflow.core.client.ConductorException;
import io.idflow.core.client.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a write did not count, in the words every writer uses: not uploaded, not confirmed, rejected.
 */
public final class WriteFailures {
  private static final Pattern BULK_INDEX = Pattern.compile("arg0\\[(\\d+)]");

  private WriteFailures() {}

  /**
   * Why a write that got no usable answer did not count: "not uploaded" when the server never had
   * it or said it failed, "not confirmed" when the connection died after the server read it, or
   * something not Conductor answered, either of which may have stored it: only the next run's
   * listing can tell.
   */
  public static String notWritten(ConductorException e) {
    String line = firstLine(e);
    return e instanceof ConductorException.UnexpectedAnswer
            || e.status() == 0 && e.mayHaveReachedServer()
        ? "not confirmed: "
            + line
            + "; the server may have stored it (the next run's listing shows)"
        : "not uploaded: " + line;
  }

  /**
   * The part of a failed bulk write that concerns the {@code index}-th definition sent: the
   * server's validation errors name it as {@code ...arg0[index]...} when it can tell.
   */
  public static String reasonFor(ConductorException e, int index, int count) {
    if (!e.isRejection()) {
      return notWritten(e);
    }
    List<String> mine = new ArrayList<>();
    boolean anyIndexed = false;
    for (ValidationError v : e.validationErrors()) {
      Matcher m = BULK_INDEX.matcher(v.path() == null ? "" : v.path());
      if (m.find()) {
        anyIndexed = true;
        if (Integer.parseInt(m.group(1)) == index) {
          mine.add(v.message());
        }
      } else {
        mine.add(v.message());
      }
    }
    if (anyIndexed && mine.isEmpty()) {
      return "not uploaded: the server rejected the batch because of another definition (it stores"
          + " all or none)";
    }
    String detail = mine.isEmpty() ? e.serverMessage() : String.join(System.lineSeparator(), mine);
    return "rejected by Conductor ("
        + e.status()
        + "): "
        + detail
        + (count > 1 && !anyIndexed
            ? System.lineSeparator() + "(the batch is all or none: nothing was uploaded)"
            : "");
  }

  /** The reason of a single write the server refused or could not take. */
  public static String single(ConductorException e) {
    return e.isRejection()
        ? "rejected by Conductor (" + e.status() + "): " + detail(e)
        : notWritten(e);
  }

  /** The server's validation messages, else its message. */
  public static String detail(ConductorException e) {
    return e.validationErrors().isEmpty()
        ? e.serverMessage()
        : e.validationErrors().stream()
            .map(ValidationError::message)
            .collect(Collectors.joining("; "));
  }

  public static String firstLine(Exception e) {
    return e.getMessage().lines().findFirst().orElse("");
  }
}
