package dev.shotclock.adce;

import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.StepAction;
import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.QueueSettings;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.workflow.BuiltinStep;
import dev.shotclock.workflow.CancelToken;
import dev.shotclock.workflow.StepOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** Runs the adce step kinds directly, as the step runner would, against a store. */
final class StepHarness {

  /** The run log of one try. */
  static final class Log implements StepOutput {
    final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      text.append(new String(buf, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void note(String line) {
      text.append("[shotclock] ").append(line).append('\n');
    }

    @Override
    public void end() {}

    @Override
    public long bytesSeen() {
      return text.length();
    }

    @Override
    public Instant lastOutputAt() {
      return null;
    }
  }

  /** A try's outcome with its log and result file. */
  record Try(BuiltinStep.Outcome outcome, Log log, Path resultFile) {}

  private final BuiltinStep reconcile;
  private final BuiltinStep enqueue;
  private final Path cwd;
  private final Path results;
  private long runId = 100;

  StepHarness(Supplier<ShotClockConfig> config, Jdbc jdbc, Clock clock, Path cwd, Path results) {
    var steps = AdceSteps.create(config, jdbc,
        tx -> new TaskQueue(tx, clock, QueueSettings.defaults()), clock);
    this.reconcile = steps.get(0);
    this.enqueue = steps.get(1);
    this.cwd = cwd;
    this.results = results;
  }

  Try run(String workflowId, String stepId, StepAction action, Map<String, String> params)
      throws InterruptedException {
    long run = runId++;
    Log log = new Log();
    Path result = results.resolve(run + "." + stepId + ".result.json");
    BuiltinStep kind = action instanceof StepAction.Reconcile ? reconcile : enqueue;
    BuiltinStep.Outcome outcome = kind.execute(new BuiltinStep.Invocation(workflowId, run, stepId,
        1, action, params, cwd, log, new CancelToken(), result));
    return new Try(outcome, log, result);
  }
}
