package dev.shotclock.workflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancellation of a run (or of one step): set once, with a reason; waiters wake, listeners fire.
 * Reasons are the run outcome the cancel leads to, e.g. CANCELLED, TIMED_OUT, INTERRUPTED.
 */
public final class CancelToken {

  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile String reason;
  private volatile String detail;

  /** Cancels; the first reason wins, later calls are ignored. Returns whether this call won. */
  public boolean cancel(String reason, String detail) {
    synchronized (this) {
      if (this.reason != null) {
        return false;
      }
      this.reason = reason;
      this.detail = detail;
    }
    cancelled.countDown();
    listeners.forEach(Runnable::run);
    return true;
  }

  public boolean isCancelled() {
    return reason != null;
  }

  /** Why it was cancelled (e.g. CANCELLED, TIMED_OUT), null while not cancelled. */
  public String reason() {
    return reason;
  }

  /** Words for the log and the run's error field. */
  public String detail() {
    return detail;
  }

  /**
   * Waits up to {@code timeout} for a cancel. Returns true when cancelled. Used for retry backoff,
   * so that a cancel never waits for a backoff to pass.
   */
  public boolean await(Duration timeout) throws InterruptedException {
    return cancelled.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
  }

  /**
   * Calls {@code listener} on cancel (at once if already cancelled). Close the result to stop
   * listening.
   */
  public AutoCloseable onCancel(Runnable listener) {
    listeners.add(listener);
    if (isCancelled() && listeners.remove(listener)) {
      listener.run();
    }
    return () -> listeners.remove(listener);
  }

  /** A token cancelled whenever this one is, that can also be cancelled on its own. */
  public CancelToken child() {
    CancelToken child = new CancelToken();
    onCancel(() -> child.cancel(reason, detail));
    return child;
  }
}
