package dev.shotclock.dispatch;

import dev.shotclock.config.CrashPolicy;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import java.time.Duration;
import java.util.Optional;

/**
 * At start-up: tasks a dead daemon of this node left RUNNING. A task whose run will be re-run
 * (on_crash: rerun) stays RUNNING and follows that run; a task whose run already ended takes its
 * outcome; any other is released for a retry (its attempt counted) or, out of attempts, DEAD.
 */
public final class TaskRecovery {

  private final Queues queues;
  private final RunRepository runs;
  private final LiveConfig config;
  private final String nodeId;

  public TaskRecovery(Queues queues, RunRepository runs, LiveConfig config, String nodeId) {
    this.queues = queues;
    this.runs = runs;
    this.config = config;
    this.nodeId = nodeId;
  }

  /** At start-up, this node's own tasks. Returns how many were released for a retry. */
  public int runOnce() {
    return recover(nodeId);
  }

  /**
   * The tasks that a node, now dead, left RUNNING: at start-up this node's own, in a cluster also
   * those of a node the cluster declared dead. Returns how many were released for a retry.
   */
  public int recover(String deadNode) {
    TaskQueue queue = queues.current();
    int released = 0;
    for (Task t : queue.runningOn(deadNode)) {
      Optional<RunRecord> run = t.runId() == null ? Optional.empty() : runs.find(t.runId());
      if (run.isPresent() && willBeRerun(run.get())) {
        continue;
      }
      if (run.isPresent() && run.get().state().isSuccess()) {
        queue.complete(t.id(), t.runId());
      } else {
        String why = run.map(r -> "run " + r.id() + " ended " + r.state())
            .orElse("the daemon stopped before the task's run started");
        queue.fail(t.id(), "daemon on " + deadNode + " died: " + why, null, true, Duration.ZERO);
        released++;
      }
    }
    return released;
  }

  private boolean willBeRerun(RunRecord run) {
    boolean interrupted = run.state() == RunState.INTERRUPTED || run.state() == RunState.RUNNING
        || run.state() == RunState.SCHEDULED;
    return interrupted && config.get().workflow(run.workflowId())
        .map(w -> w.onCrash() == CrashPolicy.RERUN || run.state() == RunState.SCHEDULED).orElse(false);
  }
}
