package dev.shotclock.history;

/** What created a run. */
public enum TriggerKind {
  /** A cron trigger fired. */
  SCHEDULE,
  /** Started after downtime by the workflow's catch_up policy. */
  CATCH_UP,
  /** An operator (CLI, API, dashboard). */
  MANUAL,
  /** A queued task of a data source. */
  TASK,
  /** A re-run of the steps of an earlier run that did not succeed. */
  RETRY,
  /** A range of past slots run on request. */
  BACKFILL,
  /** Another workflow's run ended ({@code on_success_of}, {@code on_completion_of}). */
  UPSTREAM
}
