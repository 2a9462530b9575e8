package dev.shotclock.dispatch;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.config.SourceDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Alerts;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.queue.TaskState;
import dev.shotclock.workflow.RunEnd;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
  private final Alerts alerts;

  public TaskOutcomes(LiveConfig config, Queues queues, SourceHolds holds, EventLog events, Clock clock,
      DoubleSupplier random, Alerts alerts) {
    this.alerts = alerts;
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
      case TIMED_OUT -> queue.timedOut(t.id(), error, backoff(t)).ifPresent(after -> alertIfDead(after, end));
      default -> queue.fail(t.id(), error, null, true, backoff(t)).ifPresent(after -> alertIfDead(after, end));
    }
  }

  /** A task out of attempts is a gap no retry will fill: someone has to look. */
  private void alertIfDead(Task after, RunEnd end) {
    if (after.state() != TaskState.DEAD && after.state() != TaskState.TIMED_OUT) {
      return;
    }
    events.warn("TASK_DEAD", end.workflow().id(), end.run().id(), "task " + after.id() + " ("
        + after.source() + " " + after.dedupeKey() + ") " + after.state() + " after " + after.attempt()
        + " attempt(s)");
    alerts.send(new Alert(NotifyEvent.TASK_DEAD, end.workflow().id(), end.run().id(), after.source(),
        "task " + after.id() + " of " + after.source() + " is " + after.state(),
        "Task " + after.id() + " (" + after.dedupeKey() + ", priority " + after.priority() + ") used up its "
            + after.attempt() + " attempt(s); the last run " + end.run().id() + " ended " + end.state()
            + (end.summary() != null ? ": " + end.summary() : "")
            + "\n\nlook further: shotclock show " + end.run().id() + "; shotclock requeue " + after.id(),
        Map.of("task_id", Long.toString(after.id()), "source", after.source(),
            "dedupe_key", after.dedupeKey()), clock.instant()));
  }

  /** The source's retry backoff after this attempt (its jitter included). */
  private Duration backoff(Task t) {
    return config.get().sources().source(t.source()).map(SourceDef::retry)
        .map(r -> r.delayAfter(Math.max(1, t.attempt()), random)).orElse(Duration.ofMinutes(1));
  }
}
