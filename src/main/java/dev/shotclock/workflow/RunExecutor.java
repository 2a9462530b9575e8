package dev.shotclock.workflow;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.history.StepState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes one attempt of a run on the calling thread, from RUNNING to its end state: opens the
 * run's log, runs the DAG, arms the workflow timeout, records the outcome (only if this attempt
 * still owns the run) and then lets the next queued run of the workflow start.
 */
public final class RunExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

  /** Where run logs go and how big they may grow. */
  public record LogPolicy(Path runLogDir, long capBytes) {}

  private final RunRepository runs;
  private final StepRunRepository steps;
  private final EventLog events;
  private final DagRun dag;
  private final ActiveRuns active;
  private final QueuedRuns queued;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final String nodeId;
  private final LogPolicy logs;
  private final WorkflowMetrics metrics;
  private final RunAlerts alerts;
  private final CircuitBreaker breaker;
  private final StoreRetry storeRetry;
  private final List<RunEnd.Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  RunExecutor(RunRepository runs, StepRunRepository steps, EventLog events, DagRun dag,
      ActiveRuns active, QueuedRuns queued, ScheduledExecutorService timers, Clock clock,
      String nodeId, LogPolicy logs, WorkflowMetrics metrics, RunAlerts alerts, CircuitBreaker breaker,
      StoreRetry storeRetry) {
    this.runs = runs;
    this.steps = steps;
    this.events = events;
    this.dag = dag;
    this.active = active;
    this.queued = queued;
    this.timers = timers;
    this.clock = clock;
    this.nodeId = nodeId;
    this.logs = logs;
    this.metrics = metrics;
    this.alerts = alerts;
    this.breaker = breaker;
    this.storeRetry = storeRetry;
  }

  /** Adds a listener told about every stored run end. */
  public void addListener(RunEnd.Listener listener) {
    listeners.add(listener);
  }

  /**
   * Starts the run as a new attempt if it is in one of {@code fromStates}, and runs it to the end.
   *
   * @param resume steps that succeeded in an earlier attempt are not run again
   * @return the end state, or empty when the run could not be started (not in those states)
   */
  public Optional<RunState> execute(WorkflowDef workflow, long runId, Set<RunState> fromStates,
      boolean resume) throws InterruptedException {
    Path logFile = logs.runLogDir().resolve(workflow.id()).resolve(runId + ".log");
    Optional<RunRecord> started = runs.start(runId, fromStates, nodeId, logFile.toString(), clock.instant());
    if (started.isEmpty()) {
      LOG.debug("run {} not started: no such run, or no longer in {}", runId, fromStates);
      return Optional.empty();
    }
    RunRecord run = started.get();
    MDC.put("workflow", workflow.id());
    MDC.put("run_id", Long.toString(runId));
    try {
      return Optional.of(executeAttempt(workflow, run, run.attempt(), logFile, resume));
    } finally {
      MDC.remove("workflow");
      MDC.remove("run_id");
      queued.startNextIfQueued(workflow.id());
    }
  }

  private RunState executeAttempt(WorkflowDef workflow, RunRecord run, int attempt, Path logFile,
      boolean resume) throws InterruptedException {
    CancelToken cancel = new CancelToken();
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> retryAfter = new java.util.concurrent.atomic.AtomicReference<>();
    active.add(run.id(), attempt, cancel);
    ScheduledFuture<?> timeout = armTimeout(workflow, cancel);
    RunOutcome outcome;
    try (RunLog log = RunLog.open(logFile, logs.capBytes(), clock)) {
      Map<String, String> params = new HashMap<>(workflow.params());
      params.putAll(run.params());
      RunContext ctx = new RunContext(run.id(), workflow, attempt, Map.copyOf(params),
          run.correlationId(), run.scheduledAt(), logFile, log, cancel, retryAfter);
      log.note("run " + run.id() + " of " + workflow.id() + " attempt " + attempt + " starts on "
          + nodeId + " (" + run.triggerKind() + ", slot " + run.slotKey() + ")");
      Map<String, StepState> carried = carriedSteps(run, resume);
      if (!carried.isEmpty()) {
        log.note("not run again, succeeded before: " + carried.keySet());
      }
      outcome = RunOutcome.of(workflow, dag.execute(ctx, carried), cancel);
      log.note("run " + run.id() + " ended " + outcome.state()
          + (outcome.summary() != null ? ": " + outcome.summary() : ""));
    } catch (java.io.IOException e) {
      outcome = new RunOutcome(RunState.FAILED, "cannot write the run log " + logFile + ": " + e.getMessage());
    } finally {
      if (timeout != null) {
        timeout.cancel(false);
      }
      active.remove(run.id());
    }
    if (record(workflow, run, attempt, outcome)) {
      alerts.runEnded(run, outcome.state(), outcome.summary(), logFile);
      breaker.runEnded(workflow, outcome.state());
      RunEnd end = new RunEnd(run, workflow, outcome.state(), outcome.summary(), logFile, retryAfter.get());
      for (RunEnd.Listener l : listeners) {
        try {
          l.runEnded(end);
        } catch (RuntimeException e) {
          LOG.error("run-end listener failed for run {}", run.id(), e);
        }
      }
    }
    return outcome.state();
  }

  /**
   * Stores the outcome, waiting out a store outage (the outcome must not be lost); false when it
   * was stale and dropped.
   */
  private boolean record(WorkflowDef workflow, RunRecord run, int attempt, RunOutcome outcome)
      throws InterruptedException {
    boolean stored = storeRetry.call("outcome of run " + run.id(), () ->
        runs.finish(run.id(), attempt, outcome.state(), outcome.summary(), clock.instant()));
    if (stored) {
      metrics.runEnded(workflow.id(), outcome.state(), java.time.Duration.between(
          run.startedAt() != null ? run.startedAt() : clock.instant(), clock.instant()));
      LOG.info("run={} workflow={} attempt={} ended {}", run.id(), workflow.id(), attempt, outcome.state());
      return true;
    } else {
      events.warn("STALE_RESULT_DISCARDED", workflow.id(), run.id(), "attempt " + attempt
          + " ended " + outcome.state() + " but the run was meanwhile ended or taken over; result"
          + " discarded");
      return false;
    }
  }

  private ScheduledFuture<?> armTimeout(WorkflowDef workflow, CancelToken cancel) {
    if (workflow.timeout() == null) {
      return null;
    }
    return timers.schedule(() -> cancel.cancel("TIMED_OUT", "workflow timeout of "
        + workflow.timeout() + " reached"), workflow.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Steps not to run again: those that succeeded in an earlier attempt of this run (when resuming
   * after a crash), and those that succeeded in the runs this one retries, along the chain.
   */
  private Map<String, StepState> carriedSteps(RunRecord run, boolean resume) {
    Map<String, StepState> carried = new HashMap<>(resume ? succeededSteps(run.id()) : Map.of());
    Long retried = run.retryOf();
    for (int depth = 0; retried != null && depth < 100; depth++) {
      succeededSteps(retried).forEach(carried::putIfAbsent);
      retried = runs.find(retried).map(RunRecord::retryOf).orElse(null);
    }
    return carried;
  }

  /** Steps that succeeded in any earlier attempt of the run, with how they ended. */
  private Map<String, StepState> succeededSteps(long runId) {
    Map<String, StepState> out = new HashMap<>();
    for (StepRunRecord s : steps.forRun(runId)) {
      if (s.state().isSuccess()) {
        out.put(s.stepId(), s.state());
      }
    }
    return out;
  }
}
