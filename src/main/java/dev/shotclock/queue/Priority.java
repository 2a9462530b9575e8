package dev.shotclock.queue;

import java.util.Locale;

/** How urgent a task is; a lower level is more urgent. */
public enum Priority {
  CRITICAL(1),
  HIGH(2),
  NORMAL(3),
  LOW(4),
  BACKGROUND(5);

  private final int level;

  Priority(int level) {
    this.level = level;
  }

  /** 1 (CRITICAL) to 5 (BACKGROUND), as stored. */
  public int level() {
    return level;
  }

  public boolean isHigherThan(Priority other) {
    return level < other.level;
  }

  public static Priority ofLevel(int level) {
    for (Priority p : values()) {
      if (p.level == level) {
        return p;
      }
    }
    throw new IllegalArgumentException("priority level must be 1 to 5, not " + level);
  }

  /**
   * Parses a name or a level, ignoring case and surrounding blanks: {@code "high"}, {@code "2"}.
   * {@code MEDIUM}, the original pipeline's name for level 3, is read as {@link #NORMAL}.
   */
  public static Priority parse(String text) {
    String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '5') {
      return ofLevel(s.charAt(0) - '0');
    }
    if (s.equals("MEDIUM")) {
      return NORMAL;
    }
    for (Priority p : values()) {
      if (p.name().equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown priority '" + text
        + "': use CRITICAL, HIGH, NORMAL (or MEDIUM), LOW, BACKGROUND or 1 to 5");
  }
}
