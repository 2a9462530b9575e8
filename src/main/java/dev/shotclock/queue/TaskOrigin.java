package dev.shotclock.queue;

import java.util.Locale;

/** Who asked for a task. */
public enum TaskOrigin {
  RECONCILIATION,
  API,
  CLI,
  SCHEDULE;

  /** Parses a name, ignoring case. */
  public static TaskOrigin parse(String text) {
    String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (TaskOrigin o : values()) {
      if (o.name().equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown task origin '" + text + "': use reconciliation, api, cli or schedule");
  }
}
