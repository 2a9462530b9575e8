package dev.shotclock.history;

/** State of one try of one step. */
public enum StepState {
  RUNNING,
  SUCCEEDED,
  SUCCEEDED_WITH_WARNINGS,
  FAILED,
  TIMED_OUT,
  CANCELLED,
  INTERRUPTED,
  /** No output for the watchdog's stall timeout: killed, retried like a failure. */
  STALLED,
  /** Dependencies not met (or the run ended before it could start). */
  SKIPPED;

  public boolean isSuccess() {
    return this == SUCCEEDED || this == SUCCEEDED_WITH_WARNINGS;
  }

  /** Ended by running to completion (successfully or not), as opposed to skipped or stopped. */
  public boolean isCompleted() {
    return this == SUCCEEDED || this == SUCCEEDED_WITH_WARNINGS || this == FAILED
        || this == TIMED_OUT || this == STALLED;
  }
}
