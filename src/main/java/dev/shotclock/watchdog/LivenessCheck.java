package dev.shotclock.watchdog;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.workflow.FireTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Progress-based liveness: a scheduled workflow that has not completed successfully within twice
 * its interval is a zombie, even if every process is alive (the original loop was reported healthy
 * for days while doing nothing). Paused workflows (and all while the scheduler is paused), and
 * ones younger than two intervals, are exempt.
 */
public final class LivenessCheck implements Check {

  private final LiveConfig config;
  private final RunRepository runs;
  private final WorkflowStateRepository states;
  private final SchedulerStateRepository scheduler;
  private final FireTimes fireTimes;
  private final Clock clock;

  public LivenessCheck(LiveConfig config, RunRepository runs, WorkflowStateRepository states,
      SchedulerStateRepository scheduler, FireTimes fireTimes, Clock clock) {
    this.scheduler = scheduler;
    this.config = config;
    this.runs = runs;
    this.states = states;
    this.fireTimes = fireTimes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "liveness";
  }

  @Override
  public CheckResult runOnce() {
    if (scheduler.get().paused()) {
      return CheckResult.up("scheduler paused: nothing is expected to run");
    }
    Instant now = clock.instant();
    Map<String, WorkflowState> byId = states.all().stream()
        .collect(Collectors.toMap(WorkflowState::workflowId, Function.identity()));
    List<String> zombies = new ArrayList<>();
    for (WorkflowDef wf : config.get().workflows()) {
      WorkflowState st = byId.get(wf.id());
      Duration interval = interval(wf, now);
      if (st == null || st.paused() || interval == null) {
        continue;
      }
      Duration allowed = interval.multipliedBy(2);
      Instant since = runs.lastSuccessAt(wf.id()).orElse(st.scheduleSince());
      if (Duration.between(since, now).compareTo(allowed) > 0 && since.isBefore(now.minus(allowed))) {
        zombies.add(wf.id() + " has not succeeded for " + Duration.between(since, now).toSeconds()
            + "s (expected every " + interval.toSeconds() + "s)");
      }
    }
    return zombies.isEmpty() ? CheckResult.up("every scheduled workflow succeeded recently")
        : CheckResult.degraded(String.join("; ", zombies));
  }

  /** The shortest gap between a trigger's next two fires, or null without triggers. */
  private Duration interval(WorkflowDef wf, Instant now) {
    Duration shortest = null;
    for (TriggerDef t : wf.triggers()) {
      List<Instant> next = fireTimes.between(t, now, now.plus(Duration.ofDays(400)), 2);
      if (next.size() == 2) {
        Duration d = Duration.between(next.get(0), next.get(1));
        shortest = shortest == null || d.compareTo(shortest) < 0 ? d : shortest;
      }
    }
    return shortest;
  }
}
