package dev.shotclock.daemon;

import dev.shotclock.history.RepeatedFailureLog;
import dev.shotclock.history.Retention;
import dev.shotclock.history.RunRepository;
import dev.shotclock.workflow.Heartbeats;
import dev.shotclock.dispatch.Dispatcher;
import dev.shotclock.dispatch.QueueAlarms;
import dev.shotclock.workflow.Downstream;
import dev.shotclock.dispatch.QueueMetrics;
import dev.shotclock.workflow.CircuitBreaker;
import dev.shotclock.workflow.PauseControl;
import dev.shotclock.workflow.QueuedRuns;
import dev.shotclock.workflow.SlotAccounting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic housekeeping pass, run by the scheduler every {@link #INTERVAL}: heartbeats of the
 * runs executing here, pauses whose time is up, queued runs and lost launches, slots that were
 * not fired, the queue gauges of new sources, and (hourly) history retention. Each part is isolated: one failing does not stop the others.
 */
final class Maintenance implements Runnable {

  static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final Duration RETENTION_EVERY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final Heartbeats heartbeats;
  private final Runnable clusterHousekeeping;
  private final QueuedRuns queued;
  private final SlotAccounting slots;
  private final PauseControl pauses;
  private final CircuitBreaker breaker;
  private final Dispatcher dispatcher;
  private final QueueMetrics queueMetrics;
  private final QueueAlarms queueAlarms;
  private final Downstream downstream;
  private final Retention retention;
  private final Clock clock;
  private Instant lastRetention = Instant.EPOCH;
  private final RepeatedFailureLog failures = new RepeatedFailureLog(LOG);

  Maintenance(Heartbeats heartbeats, Runnable clusterHousekeeping, QueuedRuns queued, SlotAccounting slots,
      PauseControl pauses, CircuitBreaker breaker, Dispatcher dispatcher, QueueMetrics queueMetrics, QueueAlarms queueAlarms, Downstream downstream, Retention retention,
      Clock clock) {
    this.heartbeats = heartbeats;
    this.clusterHousekeeping = clusterHousekeeping;
    this.queued = queued;
    this.slots = slots;
    this.pauses = pauses;
    this.breaker = breaker;
    this.dispatcher = dispatcher;
    this.queueMetrics = queueMetrics;
    this.queueAlarms = queueAlarms;
    this.downstream = downstream;
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public void run() {
    step("heartbeat", heartbeats::runOnce);
    step("cluster", clusterHousekeeping);
    step("auto-resume", pauses::runOnce);
    step("circuit breakers", breaker::runOnce);
    step("queued runs", queued::runOnce);
    step("slot accounting", () -> slots.runOnce("not fired within misfire_threshold"
        + " (scheduler overloaded, store unreachable or clock jump)"));
    step("queue metrics", queueMetrics::runOnce);
    step("queue alarms", queueAlarms::runOnce);
    step("upstream follow-ups", downstream::runOnce);
    Instant now = clock.instant();
    if (Duration.between(lastRetention, now).compareTo(RETENTION_EVERY) >= 0) {
      lastRetention = now;
      step("retention", retention::runOnce);
      step("dispatch launch log", dispatcher::prune);
    }
  }

  private void step(String name, Runnable part) {
    try {
      part.run();
      failures.succeeded("maintenance: " + name);
    } catch (RuntimeException e) {
      failures.failed("maintenance: " + name, e);
    }
  }
}
