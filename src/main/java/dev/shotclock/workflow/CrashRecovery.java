package dev.shotclock.workflow;

import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.StepRunRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * At start-up, before the engine runs anything: runs that a dead daemon of this node left RUNNING
 * become INTERRUPTED, and the processes it left behind are killed, so that a re-run never races an
 * orphan of the previous attempt.
 */
public final class CrashRecovery {

  private final RunRepository runs;
  private final StepRunRepository steps;
  private final EventLog events;
  private final OrphanReaper reaper;
  private final Clock clock;
  private final Path stateDir;
  private final String instanceId;
  private final String clusterNodeId;

  /**
   * @param clusterNodeId in a cluster, this node's id: only its own runs are its to recover (other
   *     nodes' RUNNING runs are alive, or recovered by Quartz on the node that notices the death);
   *     null on a single node, where every RUNNING run was left by a dead daemon
   */
  public CrashRecovery(RunRepository runs, StepRunRepository steps, EventLog events,
      OrphanReaper reaper, Clock clock, Path stateDir, String instanceId, String clusterNodeId) {
    this.clusterNodeId = clusterNodeId;
    this.runs = runs;
    this.steps = steps;
    this.events = events;
    this.reaper = reaper;
    this.clock = clock;
    this.stateDir = stateDir;
    this.instanceId = instanceId;
  }

  /** Returns how many runs were marked INTERRUPTED. */
  public int runOnce() {
    reapOrphans();
    // A single node holds the store alone (the instance lock): every RUNNING row was left by a
    // dead daemon. A cluster node holds its node id alone: every RUNNING row of that id was.
    List<RunRecord> left = runs.running(clusterNodeId);
    for (RunRecord run : left) {
      String why = "the daemon on node " + run.nodeId() + " stopped while attempt " + run.attempt()
          + " was RUNNING (crash, kill -9 or power loss)";
      if (runs.markInterrupted(run.id(), run.attempt(), why, clock.instant())) {
        steps.interruptRunning(run.id(), why, clock.instant());
        events.warn("RUN_INTERRUPTED", run.workflowId(), run.id(), why);
      }
    }
    return left.size();
  }

  private void reapOrphans() {
    for (OrphanReaper.Orphan o : reaper.reap(stateDir, instanceId)) {
      events.warn("ORPHAN_KILLED", null, o.runId(), "killed process " + o.pid()
          + " left by a previous daemon: " + o.commandLine());
    }
  }
}
