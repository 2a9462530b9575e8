package dev.shotclock.workflow;

import dev.shotclock.config.TriggerDef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When a trigger fires. Implemented with the scheduler engine's own cron evaluation. */
public interface FireTimes {

  /** Fire times in (fromExclusive, toInclusive], in order, at most {@code max}. */
  List<Instant> between(TriggerDef trigger, Instant fromExclusive, Instant toInclusive, int max);

  /** The first fire time after {@code after}, if the trigger ever fires again. */
  Optional<Instant> next(TriggerDef trigger, Instant after);
}
