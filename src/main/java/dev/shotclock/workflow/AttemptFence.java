package dev.shotclock.workflow;

import dev.shotclock.history.RunRepository;

/**
 * Whether an attempt still owns its run. A node paused (GC, SIGSTOP) or cut off long enough to be
 * presumed dead has its runs taken over by another node as a new attempt; when it wakes up it
 * must not start further steps of the old attempt, and its outcome is discarded (the run's
 * finish is guarded by attempt).
 */
final class AttemptFence {

  private final RunRepository runs;
  private final String nodeId;
  private final StoreRetry storeRetry;
  private final boolean clustered;

  /**
   * @param clustered false on a single node, whose runs no other node can take over (a cancel
   *     reaches a run through its token): the check then costs no read on each step try
   */
  AttemptFence(RunRepository runs, String nodeId, StoreRetry storeRetry, boolean clustered) {
    this.clustered = clustered;
    this.runs = runs;
    this.nodeId = nodeId;
    this.storeRetry = storeRetry;
  }

  /** True while the run is RUNNING in this attempt; waits out a store outage. */
  boolean owns(RunContext run) throws InterruptedException {
    if (!clustered) {
      return true;
    }
    return storeRetry.call("ownership of run " + run.runId(), () -> runs.ownedBy(run.runId(), run.attempt()));
  }

  /** The holder recorded with a store lock taken by this step. */
  StoreLocks.Owner owner(RunContext run, String stepId) {
    return new StoreLocks.Owner(nodeId, run.runId(), run.attempt(), stepId);
  }
}
