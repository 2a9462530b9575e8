package dev.shotclock.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The claim order of a task: see the rule in {@link TaskQueue}. */
final class Ranking {

  private final QueueSettings settings;

  Ranking(QueueSettings settings) {
    this.settings = settings;
  }

  /**
   * {@code createdAt + (level - 1) * agingInterval / weight(source)}, to the microsecond (what
   * both stores keep).
   */
  Instant rankAt(Instant createdAt, Priority priority, String source) {
    Duration aging = settings.agingInterval();
    double micros = (priority.level() - 1) * (aging.toNanos() / 1000.0) / settings.weightOf(source);
    return createdAt.truncatedTo(ChronoUnit.MICROS).plus(Math.round(micros), ChronoUnit.MICROS);
  }
}
