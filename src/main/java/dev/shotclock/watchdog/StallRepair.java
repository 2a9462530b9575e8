package dev.shotclock.watchdog;

import dev.shotclock.history.StepRunRepository;
import dev.shotclock.workflow.RunningSteps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps that run but show no sign of life (no output) for the stall timeout are STALLED: their try
 * is stopped (process group TERM, grace, KILL) and retried per the step's policy. Each pass also
 * stores the running tries' output progress, so {@code show} displays it live.
 */
public final class StallRepair implements Repair {

  private final RunningSteps running;
  private final StepRunRepository steps;
  private final Clock clock;
  private final Duration stallTimeout;
  private final MeterRegistry registry;

  public StallRepair(RunningSteps running, StepRunRepository steps, Clock clock, Duration stallTimeout,
      MeterRegistry registry) {
    this.running = running;
    this.steps = steps;
    this.clock = clock;
    this.stallTimeout = stallTimeout;
    this.registry = registry;
  }

  @Override
  public String name() {
    return "stalled-steps";
  }

  @Override
  public List<String> runOnce() {
    Instant now = clock.instant();
    List<String> done = new ArrayList<>();
    for (RunningSteps.Running r : running.all()) {
      steps.progress(r.stepRunId(), r.output().bytesSeen(), r.output().lastOutputAt());
      Duration silent = Duration.between(r.lastSignOfLife(), now);
      if (silent.compareTo(stallTimeout) >= 0 && r.token().cancel("STALLED",
          "no output for " + silent.toSeconds() + "s (watchdog.stall_timeout " + stallTimeout + ")")) {
        Counter.builder("shotclock.steps.stalled").tag("workflow", r.workflowId()).register(registry).increment();
        done.add("step " + r.stepId() + " of run " + r.runId() + " (" + r.workflowId() + ") STALLED after "
            + silent.toSeconds() + "s without output; its process group is stopped and the try retried per policy");
      }
    }
    return done;
  }
}
