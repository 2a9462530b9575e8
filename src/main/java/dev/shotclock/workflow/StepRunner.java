package dev.shotclock.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.config.ResultPredicate;
import dev.shotclock.config.Durations;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.SuccessRules;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.history.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one step of one attempt: its tries with backoff, each inside the step's named locks and a
 * permit of the node-wide step limit, each recorded as a row of {@code sc_step_runs}.
 */
final class StepRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The verdict on one try.
   *
   * @param retryAfter when the try reported a {@code retry_after}, the next try waits until then
   */
  record TryResult(StepState state, Integer exitCode, String error, boolean retryable, Instant retryAfter) {
    TryResult(StepState state, Integer exitCode, String error, boolean retryable) {
      this(state, exitCode, error, retryable, null);
    }

    TryResult withRetryAfter(Instant until) {
      return new TryResult(state, exitCode, error, retryable, until);
    }
  }

  private final ProcessSupervisor supervisor;
  private final ChildEnvironment environment;
  private final StepRunRepository steps;
  private final NamedLocks locks;
  private final Semaphore stepPermits;
  private final Clock clock;
  private final DoubleSupplier random;
  private final RunningSteps running;
  private final WorkflowMetrics metrics;
  private final Map<String, BuiltinStep> builtins;
  private final ScheduledExecutorService timers;
  private final StoreRetry storeRetry;
  private final ForeignProcesses foreign = new ForeignProcesses();
  private final AttemptFence fence;

  StepRunner(ProcessSupervisor supervisor, ChildEnvironment environment, StepRunRepository steps,
      NamedLocks locks, Semaphore stepPermits, Clock clock, DoubleSupplier random,
      RunningSteps running, WorkflowMetrics metrics, Map<String, BuiltinStep> builtins,
      ScheduledExecutorService timers, StoreRetry storeRetry, AttemptFence fence) {
    this.fence = fence;
    this.supervisor = supervisor;
    this.environment = environment;
    this.steps = steps;
    this.locks = locks;
    this.stepPermits = stepPermits;
    this.clock = clock;
    this.random = random;
    this.running = running;
    this.metrics = metrics;
    this.builtins = Map.copyOf(builtins);
    this.timers = timers;
    this.storeRetry = storeRetry;
  }

  StepResult run(RunContext run, StepDef step) throws InterruptedException {
    RetrySpec retry = step.retry() != null ? step.retry() : run.workflow().retry();
    MDC.put("step", step.id());
    try {
      TryResult last = null;
      for (int tryNumber = 1; tryNumber <= retry.maxAttempts(); tryNumber++) {
        if (run.cancel().isCancelled()) {
          return stopped(run, tryNumber - 1);
        }
        last = runTry(run, step, tryNumber, retry.maxAttempts());
        if (last == null) {
          return stopped(run, tryNumber - 1);
        }
        if (last.state().isSuccess() || !last.retryable() || tryNumber == retry.maxAttempts()) {
          return new StepResult(last.state(), last.exitCode(), last.error(), tryNumber);
        }
        Duration delay = retry.delayAfter(tryNumber, random);
        if (last.retryAfter() != null && Duration.between(clock.instant(), last.retryAfter()).compareTo(delay) > 0) {
          // The server said when to come back; an earlier try would only be refused again.
          delay = Duration.between(clock.instant(), last.retryAfter());
        }
        metrics.retry(run.workflow().id(), step.id());
        run.log().forStep(step.id()).note("try " + tryNumber + " of " + retry.maxAttempts()
            + " " + last.state() + " (" + last.error() + "); next try in " + delay.toMillis() + " ms");
        if (run.cancel().await(delay)) {
          return stopped(run, tryNumber);
        }
      }
      throw new IllegalStateException("retry loop ended without a result; indicates a bug");
    } finally {
      MDC.remove("step");
    }
  }

  /** One try; null when the run was cancelled before the process could start. */
  private TryResult runTry(RunContext run, StepDef step, int tryNumber, int maxTries)
      throws InterruptedException {
    if (!fence.owns(run)) {
      run.cancel().cancel("INTERRUPTED", "attempt " + run.attempt() + " no longer owns the run (taken"
          + " over by another node, or ended); step " + step.id() + " not started");
      return null;
    }
    try (NamedLocks.Held held = locks.acquire(step.locks(), fence.owner(run, step.id()), run.cancel())) {
      if (held == null || !NamedLocks.acquire(stepPermits, run.cancel())) {
        return null;
      }
      try {
        return execute(run, step, tryNumber, maxTries);
      } finally {
        stepPermits.release();
      }
    }
  }

  private TryResult execute(RunContext run, StepDef step, int tryNumber, int maxTries)
      throws InterruptedException {
    Instant started = clock.instant();
    long stepRunId = storeRetry.call("start of step " + step.id() + " of run " + run.runId(),
        () -> steps.started(run.runId(), step.id(), run.attempt(), tryNumber, started));
    StepOutput output = run.log().forStep(step.id());
    Path resultFile = resultFile(run, step, tryNumber);
    // A token of this try alone, so the watchdog can stop a stalled try without the whole run.
    CancelToken tryToken = run.cancel().child();
    running.add(new RunningSteps.Running(stepRunId, run.runId(), run.workflow().id(), step.id(),
        started, output, tryToken));
    TryResult result;
    ProcessOutcome outcome = null;
    try {
      Files.deleteIfExists(resultFile);
      Optional<String> duplicate = step.processMatch() == null ? Optional.empty()
          : foreign.matching(step.processMatch());
      if (duplicate.isPresent()) {
        // Retryable: the other copy may be done by the next try (the backoff is the wait).
        result = new TryResult(StepState.FAILED, null, "not started: process " + duplicate.get()
            + " matches process_match '" + step.processMatch() + "' and was not started by ShotClock", true);
      } else if (step.action() instanceof StepAction.Run) {
        ProcessSpec spec = environment.spec(run, step, tryNumber, resultFile);
        output.note("try " + tryNumber + " of " + maxTries + " starts: " + String.join(" ", spec.argv()));
        outcome = supervisor.run(spec, output, tryToken);
        result = judge(outcome, step.success(), resultFile, tryToken);
      } else {
        output.note("try " + tryNumber + " of " + maxTries + " starts: " + step.action().kind() + " step");
        result = runBuiltin(run, step, tryNumber, resultFile, output, tryToken);
      }
      Optional<Instant> retryAfter = retryAfter(resultFile, clock);
      if (retryAfter.isPresent()) {
        run.reportRetryAfter(retryAfter.get());
        output.note("reported retry_after: its source is held back until " + retryAfter.get());
        result = result.withRetryAfter(retryAfter.get());
      }
    } catch (IOException e) {
      result = new TryResult(StepState.FAILED, null, "cannot prepare the step: " + e.getMessage(), true);
    } finally {
      running.remove(stepRunId);
    }
    metrics.stepEnded(run.workflow().id(), step.id(), result.state(), Duration.between(started, clock.instant()));
    output.note("try " + tryNumber + " ended " + result.state()
        + (result.error() != null ? ": " + result.error() : ""));
    long pid = outcome != null ? outcome.pid() : 0;
    TryResult ended = result;
    storeRetry.run("outcome of step " + step.id() + " of run " + run.runId(), () -> {
      if (pid > 0) {
        steps.setPid(stepRunId, pid);
      }
      steps.finished(stepRunId, ended.state(), ended.exitCode(), ended.error(), output.bytesSeen(),
          output.lastOutputAt(), clock.instant());
    });
    LOG.info("step={} try={} state={} exit={}", step.id(), tryNumber, result.state(), result.exitCode());
    return result;
  }

  /**
   * A try of a step that runs inside the daemon: its timeout and every stop reach it through the
   * try's token, and its verdict goes through the same success rules as an exit code.
   */
  private TryResult runBuiltin(RunContext run, StepDef step, int tryNumber, Path resultFile,
      StepOutput output, CancelToken tryToken) throws InterruptedException {
    BuiltinStep kind = builtins.get(step.action().kind());
    if (kind == null) {
      return new TryResult(StepState.FAILED, null, "no executor for step kind " + step.action().kind()
          + " in this daemon", false);
    }
    Duration timeout = step.timeout() != null ? step.timeout() : kind.defaultTimeout();
    ScheduledFuture<?> timer = timeout == null ? null : timers.schedule(
        () -> tryToken.cancel("TIMED_OUT", "timed out after " + Durations.format(timeout)),
        timeout.toMillis(), TimeUnit.MILLISECONDS);
    BuiltinStep.Outcome outcome;
    try {
      WorkflowDef wf = run.workflow();
      Path cwd = step.cwd() != null ? step.cwd() : wf.cwd();
      outcome = kind.execute(new BuiltinStep.Invocation(wf.id(), run.runId(), step.id(), tryNumber,
          step.action(), run.params(), cwd, output, tryToken, resultFile));
    } catch (InterruptedException e) {
      if (!tryToken.isCancelled()) {
        throw e;
      }
      outcome = null;
    } catch (RuntimeException e) {
      LOG.warn("{} step {} failed unexpectedly", step.action().kind(), step.id(), e);
      outcome = BuiltinStep.Outcome.failed(step.action().kind() + " step failed: " + e, true);
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
    if (tryToken.isCancelled()) {
      return new TryResult(stateOfStop(tryToken.reason()), null, tryToken.detail(),
          "STALLED".equals(tryToken.reason()) || "TIMED_OUT".equals(tryToken.reason()));
    }
    return switch (outcome.verdict()) {
      case SUCCEEDED -> {
        TryResult judged = judgeExit(0, step.success(), resultFile);
        // No process, so no exit code: the predicate alone decides.
        yield new TryResult(judged.state(), null, judged.error(), judged.retryable());
      }
      case WARNING -> new TryResult(StepState.SUCCEEDED_WITH_WARNINGS, null, outcome.message(), false);
      case FAILED -> new TryResult(StepState.FAILED, null, outcome.message(), outcome.retryable());
    };
  }

  /** Turns a process outcome into a step state, using the step's success rules. */
  static TryResult judge(ProcessOutcome outcome, SuccessRules rules, Path resultFile, CancelToken cancel) {
    return switch (outcome.kind()) {
      case START_FAILED -> new TryResult(StepState.FAILED, null, outcome.message(), true);
      case TIMED_OUT -> new TryResult(StepState.TIMED_OUT, outcome.exitCode(), outcome.message(), true);
      case CANCELLED -> new TryResult(stateOfStop(cancel.reason()), outcome.exitCode(),
          cancel.detail() != null ? cancel.detail() : outcome.message(),
          "STALLED".equals(cancel.reason()));
      case EXITED -> judgeExit(outcome.exitCode(), rules, resultFile);
    };
  }

  private static TryResult judgeExit(int code, SuccessRules rules, Path resultFile) {
    boolean warning = rules.warningExitCodes().contains(code);
    if (code != 0 && !warning) {
      boolean retryable = !rules.nonRetryableExitCodes().contains(code);
      return new TryResult(StepState.FAILED, code,
          "exit code " + code + (retryable ? "" : " (not retryable)"), retryable);
    }
    if (rules.predicate() != null) {
      String failure = checkResult(rules.predicate(), resultFile);
      if (failure != null) {
        return new TryResult(StepState.FAILED, code, failure, true);
      }
    }
    return warning
        ? new TryResult(StepState.SUCCEEDED_WITH_WARNINGS, code, "warning exit code " + code, false)
        : new TryResult(StepState.SUCCEEDED, code, null, false);
  }

  /** Null when the result file satisfies the predicate, else why not. */
  private static String checkResult(ResultPredicate predicate, Path resultFile) {
    if (!Files.isRegularFile(resultFile)) {
      return "exited 0 but wrote no result file ($SHOTCLOCK_RESULT_FILE) for: " + predicate.source();
    }
    try {
      JsonNode json = JSON.readTree(resultFile.toFile());
      ResultPredicate.Evaluation ev = predicate.evaluate(json);
      return ev.passed() ? null : "result check failed: " + ev.explanation();
    } catch (IOException e) {
      return "result file is not valid JSON: " + e.getMessage();
    }
  }

  /**
   * A {@code retry_after} in the result file (seconds from now, or an ISO-8601 instant): the step
   * saw a 429 / Retry-After and asks that its source be left alone until then.
   */
  static Optional<Instant> retryAfter(Path resultFile, Clock clock) {
    if (!Files.isRegularFile(resultFile)) {
      return Optional.empty();
    }
    try {
      JsonNode v = JSON.readTree(resultFile.toFile()).get("retry_after");
      if (v == null || v.isNull()) {
        return Optional.empty();
      }
      if (v.isNumber()) {
        return Optional.of(clock.instant().plusMillis(Math.round(v.asDouble() * 1000)));
      }
      return Optional.of(Instant.parse(v.asText()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static StepState stateOfStop(String reason) {
    if ("TIMED_OUT".equals(reason)) {
      return StepState.TIMED_OUT;
    }
    if ("STALLED".equals(reason)) {
      return StepState.STALLED;
    }
    return "INTERRUPTED".equals(reason) ? StepState.INTERRUPTED : StepState.CANCELLED;
  }

  private StepResult stopped(RunContext run, int tries) {
    return new StepResult(stateOfStop(run.cancel().reason()), null, run.cancel().detail(), tries);
  }

  private static Path resultFile(RunContext run, StepDef step, int tryNumber) {
    String name = run.logFile().getFileName().toString().replaceFirst("\\.log$", "");
    return run.logFile().resolveSibling(name + "." + step.id() + "." + tryNumber + ".result.json");
  }
}
