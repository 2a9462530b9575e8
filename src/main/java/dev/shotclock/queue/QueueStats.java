package dev.shotclock.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Counts of the queue at one instant.
 *
 * @param byState every state, zero included
 * @param liveByPriority live tasks (PENDING, RUNNING, RETRY_WAIT) per priority, zero included
 * @param liveBySource live tasks per source that has any
 * @param oldestPendingAge how long the oldest PENDING task has existed; empty when none
 * @param totalLive all live tasks
 */
public record QueueStats(
    Map<TaskState, Long> byState,
    Map<Priority, Long> liveByPriority,
    Map<String, Long> liveBySource,
    Optional<Duration> oldestPendingAge,
    long totalLive) {

  public QueueStats {
    byState = Map.copyOf(byState);
    liveByPriority = Map.copyOf(liveByPriority);
    liveBySource = Map.copyOf(liveBySource);
  }
}
