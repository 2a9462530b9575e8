package dev.shotclock.dispatch;

import dev.shotclock.config.RateLimit;
import dev.shotclock.config.SourceDef;
import java.time.Duration;
import java.time.Instant;

/**
 * How many tasks of one source may start in this dispatch pass: its free concurrency, within its
 * launch rate over the last minute and hour, its burst, and its minimum spacing.
 */
final class SourceBudget {

  private SourceBudget() {}

  /**
   * @param running tasks of the source running now (all nodes)
   * @param lastMinute launches in the last 60 s
   * @param lastHour launches in the last hour
   * @param lastLaunch the source's latest launch, null if none in the window
   */
  static int of(SourceDef source, int running, int lastMinute, int lastHour, Instant lastLaunch, Instant now) {
    int budget = Math.max(0, source.maxConcurrent() - running);
    return Math.min(budget, rate(source.rate(), lastMinute, lastHour, lastLaunch, now));
  }

  /** What a rate limit alone allows now. */
  static int rate(RateLimit rate, int lastMinute, int lastHour, Instant lastLaunch, Instant now) {
    int allowed = Integer.MAX_VALUE;
    if (rate.perMinute() != null) {
      allowed = Math.min(allowed, rate.perMinute() - lastMinute);
    }
    if (rate.perHour() != null) {
      allowed = Math.min(allowed, rate.perHour() - lastHour);
    }
    if (rate.burst() != null) {
      allowed = Math.min(allowed, rate.burst());
    }
    Duration spacing = rate.minSpacing();
    if (spacing != null && !spacing.isZero()) {
      // With spacing, one launch per pass at most, and only once the spacing has passed.
      boolean spaced = lastLaunch == null || !now.isBefore(lastLaunch.plus(spacing));
      allowed = Math.min(allowed, spaced ? 1 : 0);
    }
    return Math.max(0, allowed);
  }
}
