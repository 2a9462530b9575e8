package dev.shotclock.dispatch;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.SourceDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.workflow.RunEnd;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A task follows its run: succeeded → SUCCEEDED; failed, timed out or interrupted → retried after
 * the source's backoff (then DEAD, or TIMED_OUT, when attempts are used up); cancelled → CANCELLED.
 * A {@code retry_after} reported by a step holds the whole source back until then.
 */
public final class TaskOutcomes implements RunEnd.Listener {

  private final LiveConfig config;
  private final Queues queues;
  private final SourceHolds holds;
  private final EventLog events;
  private final Clock clock;
  private final DoubleSupplier random;

  public TaskOutcomes(LiveConfig config, Queues queues, SourceHolds holds, EventLog events, Clock clock,
      DoubleSupplier random) {
    this.config = config;
    this.queues = queues;
    this.holds = holds;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void runEnded(RunEnd end) {
    if (end.run().triggerKind() != TriggerKind.TASK) {
      return;
    }
    TaskQueue queue = queues.current();
    Optional<Task> task = queue.runningForRun(end.run().id());
    if (task.isEmpty()) {
      return;
    }
    apply(queue, task.get(), end);
    if (end.retryAfter() != null && end.retryAfter().isAfter(clock.instant())) {
      holds.hold(task.get().source(), end.retryAfter(), "retry_after reported by run " + end.run().id());
      events.warn("SOURCE_HELD", end.workflow().id(), end.run().id(), "source " + task.get().source()
          + " held back until " + end.retryAfter() + " (Retry-After seen by run " + end.run().id() + ")");
    }
  }

  private void apply(TaskQueue queue, Task t, RunEnd end) {
    String error = "run " + end.run().id() + " ended " + end.state() + (end.summary() != null ? ": " + end.summary() : "");
    switch (end.state()) {
      case SUCCEEDED, SUCCEEDED_WITH_WARNINGS -> queue.complete(t.id(), end.run().id());
      case CANCELLED -> queue.cancel(t.id(), "run " + end.run().id() + " was cancelled");
      case TIMED_OUT -> queue.timedOut(t.id(), error, backoff(t));
      default -> queue.fail(t.id(), error, null, true, backoff(t));
    }
  }

  /** The source's retry backoff after this attempt (its jitter included). */
  private Duration backoff(Task t) {
    return config.get().sources().source(t.source()).map(SourceDef::retry)
        .map(r -> r.delayAfter(Math.max(1, t.attempt()), random)).orElse(Duration.ofMinutes(1));
  }
}
