package dev.shotclock.history;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a run (one slot of a workflow), and the states of slots that did not run. */
public enum RunState {
  SCHEDULED,
  RUNNING,
  SUCCEEDED,
  SUCCEEDED_WITH_WARNINGS,
  FAILED,
  TIMED_OUT,
  CANCELLED,
  INTERRUPTED,
  SKIPPED_OVERLAP,
  SKIPPED_PAUSED,
  /** A data-collection slot held back while disk space was short. */
  SKIPPED_RESOURCE,
  /** A scheduled fire inside a blackout window (maintenance, off-season). */
  SKIPPED_BLACKOUT,
  /** A fallback cron slot of a workflow its upstream had already started. */
  SKIPPED_UPSTREAM,
  MISSED;

  /** States a run is in while it holds or waits for the workflow. */
  public static final Set<RunState> ACTIVE = EnumSet.of(SCHEDULED, RUNNING);

  /** Slots that were never executed. */
  public static final Set<RunState> NOT_RUN = EnumSet.of(SKIPPED_OVERLAP, SKIPPED_PAUSED,
      SKIPPED_RESOURCE, SKIPPED_BLACKOUT, SKIPPED_UPSTREAM, MISSED);

  /**
   * Runs that ended, as opposed to slots recorded as not run: what retention's {@code keep_last} and
   * {@code max_runs_per_workflow} count. A queued run cancelled before it started is one: it was
   * admitted as a run, and an operator ended it.
   */
  public static final Set<RunState> ENDED = EnumSet.of(SUCCEEDED, SUCCEEDED_WITH_WARNINGS, FAILED,
      TIMED_OUT, CANCELLED, INTERRUPTED);

  public boolean isTerminal() {
    return !ACTIVE.contains(this);
  }

  public boolean isSuccess() {
    return this == SUCCEEDED || this == SUCCEEDED_WITH_WARNINGS;
  }

  /** The state names as a SQL IN-list body, e.g. {@code 'SCHEDULED','RUNNING'}. */
  static String sqlList(Set<RunState> states) {
    return states.stream().map(s -> "'" + s.name() + "'").reduce((a, b) -> a + "," + b).orElse("''");
  }
}
