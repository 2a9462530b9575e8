package dev.shotclock.workflow;

import java.util.Locale;

/**
 * What a resume does with the slots that passed while paused (all recorded SKIPPED_PAUSED):
 * {@code skip} leaves them so, {@code once} runs the latest, {@code all} runs each, in order.
 */
public enum ResumeChoice {
  SKIP,
  ONCE,
  ALL;

  public static ResumeChoice parse(String s) {
    if (s == null || s.isBlank()) {
      return SKIP;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("catch-up must be skip, once or all, not '" + s + "'");
    }
  }
}
