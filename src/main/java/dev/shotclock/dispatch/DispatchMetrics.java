package dev.shotclock.dispatch;

import dev.shotclock.queue.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/**
 * What the dispatcher measures: how long a claim holds the dispatch lock, how long tasks wait
 * between being due and being claimed, and how often a limit holds back a source that has work.
 */
public final class DispatchMetrics {

  /** Why a source with due tasks got none in a pass. */
  public enum Limit {
    CONCURRENCY,
    RATE,
    GLOBAL_RATE,
    RETRY_AFTER,
    PAUSED,
    /** Disk space below watchdog.min_free: data collection held back. */
    RESOURCE,
    /** The source's workflow is inside a blackout window. */
    BLACKOUT;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Timer claim;

  public DispatchMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.claim = Timer.builder("shotclock.dispatch.claim")
        .description("Time a dispatcher pass holds the dispatch lock to count limits and claim tasks")
        .publishPercentileHistogram().register(registry);
  }

  void claimed(Duration lockHeld) {
    claim.record(lockHeld);
  }

  /** A claimed task waited from when it was due (created, or its retry time) until now. */
  void waited(Task task, Instant claimedAt) {
    Instant due = task.notBefore().isAfter(task.createdAt()) ? task.notBefore() : task.createdAt();
    Duration wait = Duration.between(due, claimedAt);
    Timer.builder("shotclock.tasks.wait").description("Time from a task being due to its claim")
        .tag("source", task.source()).publishPercentileHistogram().register(registry)
        .record(wait.isNegative() ? Duration.ZERO : wait);
  }

  void limited(String source, Limit limit) {
    Counter.builder("shotclock.dispatch.limited")
        .description("Dispatcher passes in which a source had due tasks but a limit held them back")
        .tag("source", source).tag("limit", limit.tag()).register(registry).increment();
  }
}
