package dev.shotclock.adce;

import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.workflow.BuiltinStep;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The step kinds of reconciliation, for the workflow engine's built-in steps. */
public final class AdceSteps {

  private AdceSteps() {}

  /**
   * @param config the configuration in force: sources.yaml and workflows as of each try
   * @param queueWithin the task queue with the settings in force, inside a transaction
   */
  public static List<BuiltinStep> create(Supplier<ShotClockConfig> config, Jdbc jdbc,
      Function<Jdbc, TaskQueue> queueWithin, Clock clock) {
    SourceTasks sources = new SourceTasks(config);
    GapQueue gaps = new GapQueue(jdbc, queueWithin);
    return List.of(new ReconcileStep(clock, sources, gaps), new EnqueueStep(clock, sources, gaps));
  }
}
