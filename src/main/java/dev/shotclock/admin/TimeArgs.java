package dev.shotclock.admin;

import dev.shotclock.config.Durations;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Times an operator types: an ISO-8601 instant or a duration from now. Shared by the JSON API and
 * the dashboard, so a pause "until 2h" means the same in both.
 */
public final class TimeArgs {

  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private TimeArgs() {}

  /**
   * An ISO-8601 instant, or a duration: from now ({@code 2h}) when {@code forward}, else before now
   * ({@code 2d} ago). Null when absent. Only years {@link #EARLIEST} to {@link #LATEST}: every
   * store can hold them, and nothing an operator means lies outside.
   */
  public static Instant instantOrDuration(String field, String value, boolean forward, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        var d = Durations.parse(value);
        instant = forward ? clock.instant().plus(d) : clock.instant().minus(d);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(field + " must be an ISO-8601 instant (2026-11-25T03:00:00Z)"
            + " or a duration (2h): " + value, List.of());
      } catch (ArithmeticException | DateTimeException e) {
        instant = forward ? Instant.MAX : Instant.MIN;
      }
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.badRequest(field + " must lie between " + EARLIEST + " and " + LATEST
          + ": " + value, List.of());
    }
    return instant;
  }
}
