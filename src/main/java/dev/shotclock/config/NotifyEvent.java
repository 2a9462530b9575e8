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
  DAEMON_STARTED,
  DAEMON_STOPPED
}
