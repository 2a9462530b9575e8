package dev.shotclock.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A maintenance window or calendar exclusion: while it covers an instant, scheduled fires are
 * skipped and recorded SKIPPED_BLACKOUT. Evaluated in its own time zone, so "Sunday 02:00-04:00
 * America/Chicago" means that wall-clock time across DST changes.
 *
 * @param days days of the week it applies to; empty = every day
 * @param months months it applies to; empty = every month (an off-season is {@code months} alone)
 * @param from start of the daily window, null = the whole day
 * @param to end of the daily window (exclusive); earlier than {@code from} = crosses midnight,
 *     counted to the day it starts on
 */
public record BlackoutWindow(String name, Set<DayOfWeek> days, Set<Month> months, LocalTime from,
    LocalTime to, ZoneId zone) {

  public BlackoutWindow {
    days = Set.copyOf(days);
    months = Set.copyOf(months);
  }

  public boolean covers(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    if (!months.isEmpty() && !months.contains(local.getMonth())) {
      return false;
    }
    DayOfWeek day = local.getDayOfWeek();
    if (from == null) {
      return applies(day);
    }
    LocalTime time = local.toLocalTime();
    if (from.isBefore(to)) {
      return applies(day) && !time.isBefore(from) && time.isBefore(to);
    }
    return !time.isBefore(from) ? applies(day) : time.isBefore(to) && applies(day.minus(1));
  }

  private boolean applies(DayOfWeek day) {
    return days.isEmpty() || days.contains(day);
  }

  /** For skip reasons and {@code why}: {@code blackout 'maintenance' (Sun 02:00-04:00 America/Chicago)}. */
  public String describe() {
    StringBuilder s = new StringBuilder("blackout");
    if (name != null) {
      s.append(" '").append(name).append("'");
    }
    s.append(" (");
    if (!months.isEmpty()) {
      s.append(months.stream().sorted().map(m -> m.getDisplayName(TextStyle.SHORT, Locale.ROOT))
          .collect(Collectors.joining(","))).append(' ');
    }
    if (!days.isEmpty()) {
      s.append(days.stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT))
          .collect(Collectors.joining(","))).append(' ');
    }
    s.append(from == null ? "all day" : from + "-" + to).append(' ').append(zone.getId()).append(')');
    return s.toString();
  }
}
