package dev.shotclock.queue;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a task is in its life. A task is <em>live</em> while it waits or runs; a dedupe key has
 * at most one live task.
 */
public enum TaskState {
  /** Waiting to be claimed (from {@code not_before} on). */
  PENDING,
  /** Claimed by a node; its workflow run is going. */
  RUNNING,
  /** An attempt failed or timed out; claimable again from {@code not_before}. */
  RETRY_WAIT,
  /** Done; the key is not re-queued within the cooldown. */
  SUCCEEDED,
  /**
   * Failed for good. The queue's own transitions end failures in {@link #DEAD}; FAILED is part of
   * the contract's state set and accepted by {@code requeue}.
   */
  FAILED,
  /** The last attempt timed out and no attempt is left. */
  TIMED_OUT,
  /** Cancelled by an operator or the API. */
  CANCELLED,
  /** Attempts used up or the failure was not retryable; keeps the last error. */
  DEAD;

  static final Set<TaskState> LIVE = EnumSet.of(PENDING, RUNNING, RETRY_WAIT);
  static final Set<TaskState> REQUEUEABLE = EnumSet.of(FAILED, TIMED_OUT, CANCELLED, DEAD);

  public boolean isLive() {
    return LIVE.contains(this);
  }

  public boolean isTerminal() {
    return !isLive();
  }
}
