package dev.shotclock.workflow;

import dev.shotclock.history.RunState;
import dev.shotclock.history.StepState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run and step metrics for {@code /metrics}: outcomes, durations (histograms), retries, timeouts
 * and stalls, and the time of each workflow's last success.
 */
public final class WorkflowMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  // Registering a meter looks it up by its whole id (name and sorted tags) under the registry's
  // lock; a run end takes two, so the per-workflow meters are kept here once registered.
  private final Map<String, Counter> runCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> runTimers = new ConcurrentHashMap<>();

  public WorkflowMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  void runEnded(String workflow, RunState state, Duration duration) {
    runCounters.computeIfAbsent(workflow + '\0' + state.name(), k -> Counter.builder("shotclock.runs")
        .description("Runs ended, by workflow and outcome").tag("workflow", workflow)
        .tag("state", state.name()).register(registry)).increment();
    runTimers.computeIfAbsent(workflow, w -> Timer.builder("shotclock.run.duration")
        .description("Run wall time, start to end").tag("workflow", w).publishPercentileHistogram()
        .register(registry)).record(duration);
    if (state.isSuccess()) {
      lastSuccess.computeIfAbsent(workflow, w -> registry.gauge("shotclock.workflow.last.success",
              io.micrometer.core.instrument.Tags.of("workflow", w), new AtomicLong(), AtomicLong::get))
          .set(clock.instant().getEpochSecond());
    }
  }

  void stepEnded(String workflow, String step, StepState state, Duration duration) {
    Counter.builder("shotclock.steps").description("Step tries ended, by outcome")
        .tag("workflow", workflow).tag("step", step).tag("state", state.name()).register(registry)
        .increment();
    Timer.builder("shotclock.step.duration").description("Step try wall time")
        .tag("workflow", workflow).tag("step", step).publishPercentileHistogram()
        .register(registry).record(duration);
  }

  void retry(String workflow, String step) {
    Counter.builder("shotclock.step.retries").description("Step tries scheduled after a failure")
        .tag("workflow", workflow).tag("step", step).register(registry).increment();
  }

  public MeterRegistry registry() {
    return registry;
  }
}
