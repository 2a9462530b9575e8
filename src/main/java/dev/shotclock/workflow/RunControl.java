package dev.shotclock.workflow;

import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import java.time.Clock;
import java.util.Optional;

/** Stops runs: the one executing on this node is cancelled; one not started yet is ended. */
public final class RunControl {

  /** What a cancel did. */
  public enum CancelResult {
    CANCELLING,
    CANCELLED_BEFORE_START,
    ALREADY_ENDED,
    NOT_HERE,
    NO_SUCH_RUN
  }

  private final RunRepository runs;
  private final ActiveRuns active;
  private final EventLog events;
  private final Clock clock;

  public RunControl(RunRepository runs, ActiveRuns active, EventLog events, Clock clock) {
    this.runs = runs;
    this.active = active;
    this.events = events;
    this.clock = clock;
  }

  /** Ended states a run can be retried from: it did not fully succeed. */
  private static final java.util.Set<RunState> RETRYABLE = java.util.EnumSet.of(RunState.FAILED,
      RunState.TIMED_OUT, RunState.CANCELLED, RunState.INTERRUPTED, RunState.SUCCEEDED_WITH_WARNINGS);

  /**
   * Why a run cannot be retried, or empty when it can: only ended runs that did not fully succeed
   * (their steps that did succeed are reused by the retry).
   */
  public Optional<String> whyNotRetryable(RunRecord run) {
    if (RETRYABLE.contains(run.state())) {
      return Optional.empty();
    }
    if (RunState.NOT_RUN.contains(run.state())) {
      return Optional.of("run " + run.id() + " never ran (" + run.state() + "); backfill its slot instead");
    }
    return Optional.of("run " + run.id() + " is " + run.state() + "; only a run that ended "
        + RETRYABLE + " can be retried");
  }

  public CancelResult cancel(long runId, String why) {
    Optional<RunRecord> run = runs.find(runId);
    if (run.isEmpty()) {
      return CancelResult.NO_SUCH_RUN;
    }
    RunRecord r = run.get();
    if (r.state() == RunState.SCHEDULED) {
      if (runs.endUnstarted(runId, RunState.CANCELLED, why, clock.instant())) {
        events.info("RUN_CANCELLED", r.workflowId(), runId, "cancelled before it started: " + why);
        return CancelResult.CANCELLED_BEFORE_START;
      }
      r = runs.find(runId).orElseThrow();
    }
    if (r.state().isTerminal()) {
      return CancelResult.ALREADY_ENDED;
    }
    if (active.cancel(runId, "CANCELLED", why)) {
      events.info("RUN_CANCELLED", r.workflowId(), runId, why);
      return CancelResult.CANCELLING;
    }
    return CancelResult.NOT_HERE;
  }
}
