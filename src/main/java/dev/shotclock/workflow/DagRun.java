package dev.shotclock.workflow;

import dev.shotclock.config.StepDef;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.history.StepState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes the steps of one attempt of a run as a DAG: a step starts as soon as everything it
 * depends on has ended and its conditions hold; independent steps run in parallel (within the
 * node's step limit); a step whose conditions fail is SKIPPED, and so, in turn, are its dependents.
 */
final class DagRun {

  private static final Logger LOG = LoggerFactory.getLogger(DagRun.class);

  private final StepRunner runner;
  private final ExecutorService threads;
  private final StepRunRepository steps;
  private final Clock clock;

  DagRun(StepRunner runner, ExecutorService threads, StepRunRepository steps, Clock clock) {
    this.runner = runner;
    this.threads = threads;
    this.steps = steps;
    this.clock = clock;
  }

  /**
   * Runs every step not in {@code carried} and returns how each step ended, in definition order.
   *
   * @param carried steps that succeeded in an earlier attempt of this run; not run again
   */
  Map<String, StepResult> execute(RunContext run, Map<String, StepState> carried)
      throws InterruptedException {
    Map<String, StepResult> results = new LinkedHashMap<>();
    carried.forEach((id, state) -> results.put(id, StepResult.carried(state)));
    BlockingQueue<Map.Entry<String, StepResult>> finished = new LinkedBlockingQueue<>();
    List<StepDef> pending = run.workflow().steps().stream()
        .filter(s -> !carried.containsKey(s.id())).collect(Collectors.toList());
    int running = 0;
    while (true) {
      running += startReady(run, pending, results, finished);
      if (running == 0) {
        break;
      }
      Map.Entry<String, StepResult> done = finished.take();
      results.put(done.getKey(), done.getValue());
      running--;
    }
    Map<String, StepResult> ordered = new LinkedHashMap<>();
    run.workflow().steps().forEach(s -> ordered.put(s.id(), results.get(s.id())));
    return ordered;
  }

  /**
   * Starts (or skips) every pending step whose upstream steps have all ended; returns how many it
   * started. Skipping one can make others ready, so it loops until nothing changes.
   */
  private int startReady(RunContext run, List<StepDef> pending, Map<String, StepResult> results,
      BlockingQueue<Map.Entry<String, StepResult>> finished) {
    int started = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (StepDef step : List.copyOf(pending)) {
        if (!results.keySet().containsAll(step.dependsOn().upstream())) {
          continue;
        }
        pending.remove(step);
        changed = true;
        Optional<String> unmet = whyNot(run, step, results);
        if (unmet.isPresent()) {
          results.put(step.id(), skip(run, step, unmet.get()));
        } else {
          submit(run, step, finished);
          started++;
        }
      }
    }
    return started;
  }

  private Optional<String> whyNot(RunContext run, StepDef step, Map<String, StepResult> results) {
    if (run.cancel().isCancelled()) {
      return Optional.of("run stopped before the step started: " + run.cancel().detail());
    }
    Map<String, StepState> ended = results.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().state()));
    return Dependencies.unmet(step.dependsOn(), ended);
  }

  private StepResult skip(RunContext run, StepDef step, String reason) {
    StepState state = run.cancel().isCancelled() ? StepState.CANCELLED : StepState.SKIPPED;
    steps.skipped(run.runId(), step.id(), run.attempt(), state, reason, clock.instant());
    run.log().forStep(step.id()).note(state + ": " + reason);
    return new StepResult(state, null, reason, 0);
  }

  private void submit(RunContext run, StepDef step, BlockingQueue<Map.Entry<String, StepResult>> finished) {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    threads.execute(() -> {
      if (mdc != null) {
        MDC.setContextMap(mdc);
      }
      finished.add(Map.entry(step.id(), runGuarded(run, step)));
      MDC.clear();
    });
  }

  private StepResult runGuarded(RunContext run, StepDef step) {
    try {
      return runner.run(run, step);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StepResult(StepState.INTERRUPTED, null, "step thread interrupted", 0);
    } catch (RuntimeException e) {
      LOG.error("step {} of run {} failed inside the daemon", step.id(), run.runId(), e);
      return new StepResult(StepState.FAILED, null, "internal error: " + e, 0);
    }
  }
}
