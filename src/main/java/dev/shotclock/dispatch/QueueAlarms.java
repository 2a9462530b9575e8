package dev.shotclock.dispatch;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Alerts;
import dev.shotclock.queue.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Tells operators when CRITICAL work is not getting done: the oldest CRITICAL task that is not
 * running has waited longer than {@code watchdog.critical_pending_max}. The queue's depth alone is
 * never alerted on (work waiting is normal); its age at the top priority is what means trouble.
 * Repeats are throttled by the notifiers' window.
 */
public final class QueueAlarms {

  private final LiveConfig config;
  private final Queues queues;
  private final Alerts alerts;
  private final Clock clock;

  public QueueAlarms(LiveConfig config, Queues queues, Alerts alerts, Clock clock) {
    this.config = config;
    this.queues = queues;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Looks once; returns how long the oldest CRITICAL task has waited, zero when none waits. */
  public Duration runOnce() {
    Instant now = clock.instant();
    Duration waited = queues.current().oldestWaiting(Priority.CRITICAL)
        .map(created -> Duration.between(created, now)).orElse(Duration.ZERO);
    Duration max = config.get().daemon().watchdog().criticalPendingMax();
    if (waited.compareTo(max) > 0) {
      alerts.send(new Alert(NotifyEvent.TASK_PENDING_TOO_LONG, null, null, "critical",
          "a CRITICAL task has waited " + waited.toMinutes() + " min",
          "The oldest CRITICAL task (PENDING or RETRY_WAIT) was created " + waited.toMinutes()
              + " min ago, longer than watchdog.critical_pending_max " + max.toMinutes() + " min."
              + " Its source may be paused, held, rate-limited or failing."
              + "\n\nlook further: shotclock tasks --state PENDING; shotclock status",
          Map.of("waited_seconds", Long.toString(waited.toSeconds())), now));
    }
    return waited;
  }
}
