package dev.shotclock.bench;

import dev.shotclock.config.DependencyMode;
import dev.shotclock.config.DependsOn;
import dev.shotclock.config.RetrySpec;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import dev.shotclock.config.SuccessRules;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.daemon.Daemon;
import dev.shotclock.history.TriggerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cost of a {@code run} step: a ShotClock run of K {@code /bin/true} steps in a chain (each
 * depends on the one before, so they run one at a time), run start to end divided by K; against
 * K bare {@code ProcessBuilder("/bin/true").start().waitFor()} in a loop.
 */
final class ProcessSteps {

  private ProcessSteps() {}

  static Metrics run(String system, BenchStore store, Path dir, int k) throws Exception {
    return system.equals("shotclock") ? shotclock(store, dir, k) : processBuilder(k);
  }

  private static Metrics processBuilder(int k) throws Exception {
    for (int i = 0; i < 20; i++) {
      new ProcessBuilder("/bin/true").start().waitFor(); // warm-up, as ShotClock gets one run
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < k; i++) {
      new ProcessBuilder("/bin/true").start().waitFor();
    }
    return new Metrics().put("per_step_ms", (System.nanoTime() - t0) / 1e6 / k);
  }

  private static Metrics shotclock(BenchStore store, Path dir, int k) throws Exception {
    WorkflowDef warm = ShotClockNode.workflow("warm", List.of(), chain(20));
    WorkflowDef wf = ShotClockNode.workflow("chain", List.of(), chain(k));
    try (ShotClockNode node = ShotClockNode.start(store, dir, List.of(warm, wf))) {
      runOnce(node.daemon(), warm);
      Duration took = runOnce(node.daemon(), wf);
      return new Metrics().put("per_step_ms", took.toNanos() / 1e6 / k);
    }
  }

  /** Triggers one run as the admin API does and returns its started_at to finished_at. */
  private static Duration runOnce(Daemon d, WorkflowDef wf) throws Exception {
    Recorder.current = new Recorder(1);
    Duration[] took = new Duration[1];
    d.engine().executor().addListener(end -> {
      if (end.workflow().id().equals(wf.id())) {
        // listeners hear of an end once it is stored: now is the run's end as the caller sees it
        took[0] = Duration.between(end.run().startedAt(), java.time.Instant.now());
        Recorder.current.ended(null);
      }
    });
    var decision = d.engine().admission().admitRequest(wf, TriggerKind.MANUAL, Map.of(), null,
        "bench", null);
    d.quartz().launcher().launchNow(wf.id(), decision.runId());
    if (!Recorder.current.await(300)) {
      throw new IllegalStateException("run of " + wf.id() + " did not end");
    }
    return took[0];
  }

  private static List<StepDef> chain(int k) {
    List<StepDef> steps = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      DependsOn deps = i == 0 ? DependsOn.NONE
          : new DependsOn(Map.of("s" + (i - 1), DependencyMode.SUCCEEDED), null);
      steps.add(new StepDef("s" + i, new StepAction.Run(List.of("/bin/true")),
          null, Map.of(), null, null, true, deps, List.of(), RetrySpec.NONE, SuccessRules.DEFAULT, null));
    }
    return steps;
  }
}
