package dev.shotclock.adce;

import dev.shotclock.config.StepAction;
import dev.shotclock.queue.Priority;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.regex.Matcher;

/**
 * Season order and the original pipeline's priority rules (reconciliation's {@code
 * detect_data_gaps.py}): a stale file of the current season is CRITICAL, a missing or too small
 * one HIGH; any gap of the previous season is NORMAL (the original's MEDIUM), of older seasons
 * LOW. Seasons compare by their first year, so 2025, 2025-26 and 2025-2026 are the same season.
 */
final class Seasons {

  private Seasons() {}

  /** The first year of a season as the manifest or {@code current_season} writes it. */
  static int firstYear(String season) {
    Matcher m = StepAction.Reconcile.SEASON.matcher(season);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + season + "' is not a season: write 2025, 2025-26 or"
          + " 2025-2026");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * The first year of the season in progress, by the original rule: from October on, the season
   * that starts this year; before October, the one that started last year. The date is the UTC
   * date: a season boundary a few hours off does not change a priority that matters.
   */
  static int currentFirstYear(Clock clock) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return today.getMonth().compareTo(Month.OCTOBER) >= 0 ? today.getYear() : today.getYear() - 1;
  }

  /**
   * The priority of a gap. A season after the current one (a schedule published early) counts as
   * current: its games are the next to be played.
   */
  static Priority priority(int seasonYear, int currentYear, Gap.Kind kind) {
    if (seasonYear >= currentYear) {
      return kind == Gap.Kind.STALE ? Priority.CRITICAL : Priority.HIGH;
    }
    return seasonYear == currentYear - 1 ? Priority.NORMAL : Priority.LOW;
  }

  /** Whether a file of this season can go stale: finished seasons do not change any more. */
  static boolean canBeStale(int seasonYear, int currentYear) {
    return seasonYear >= currentYear;
  }
}
