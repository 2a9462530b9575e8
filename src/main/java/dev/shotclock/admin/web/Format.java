package dev.shotclock.admin.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations read on the dashboard: UTC, to the second, as the CLI prints them. */
final class Format {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Format() {}

  static String time(Instant t) {
    return t == null ? "–" : TIME.format(t);
  }

  static String duration(Duration d) {
    if (d == null) {
      return "–";
    }
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 3600) {
      return (s / 60) + "m " + String.format("%02ds", s % 60);
    }
    return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
  }

  static String between(Instant from, Instant to) {
    return from == null || to == null ? "–" : duration(Duration.between(from, to));
  }
}
