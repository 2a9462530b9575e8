package dev.shotclock.config;

/** What a notifier can be told about. {@code run_warnings} is opt-in; the others are on by default. */
public enum NotifyEvent {
  RUN_FAILED,
  RUN_TIMED_OUT,
  RUN_WARNINGS,
  STEP_STALLED,
  WATCHDOG_REPAIR,
  HEALTH_CHANGED,
  CIRCUIT_OPENED,
  CIRCUIT_CLOSED,
  /** A task used up its attempts (DEAD or TIMED_OUT): a gap nobody will fill by itself. */
  TASK_DEAD,
  /** A CRITICAL task has waited longer than {@code watchdog.critical_pending_max}. */
  TASK_PENDING_TOO_LONG,
  DAEMON_STARTED,
  DAEMON_STOPPED
}
