package dev.shotclock.workflow;

import dev.shotclock.db.Jdbc;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.WorkflowStateRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued runs ({@code overlap: queue}, {@code catch_up: all}) one at a time, whenever their
 * workflow has nothing running; and re-launches a SCHEDULED run whose launch was lost.
 */
public final class QueuedRuns {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedRuns.class);
  /** A SCHEDULED run that has not started this long after it was due has lost its launch. */
  private static final Duration LOST_LAUNCH = Duration.ofMinutes(1);

  private final Jdbc jdbc;
  private final RunRepository runs;
  private final Launcher launcher;
  private final Clock clock;

  public QueuedRuns(Jdbc jdbc, Launcher launcher, Clock clock) {
    this.jdbc = jdbc;
    this.runs = new RunRepository(jdbc);
    this.launcher = launcher;
    this.clock = clock;
  }

  /**
   * After a run of the workflow ended: {@link #startNext} only if a queued run is waiting. The
   * probe is one indexed read without a transaction, so a workflow that queues nothing (most of
   * them) pays no locking transaction per run. A run queued concurrently, after the probe read,
   * is not lost: every path that queues a run calls {@link #startNext} after its own commit
   * (admission through {@link Admission}, backfill, catch-up, resume), and that call sees this
   * run's end, which was committed before the probe.
   */
  public void startNextIfQueued(String workflowId) {
    if (runs.hasQueued(workflowId)) {
      startNext(workflowId);
    }
  }

  /** Launches the oldest queued run of the workflow if nothing else of it is active. */
  public void startNext(String workflowId) {
    Optional<RunRecord> next = jdbc.inTransaction(tx -> {
      new WorkflowStateRepository(tx).lock(tx, workflowId);
      RunRepository txRuns = new RunRepository(tx);
      boolean busy = txRuns.active(workflowId).stream()
          .anyMatch(r -> r.state() == RunState.RUNNING || !r.queued());
      if (busy) {
        return Optional.<RunRecord>empty();
      }
      return txRuns.oldestQueued(workflowId).filter(r -> txRuns.claimQueued(r.id()));
    });
    next.ifPresent(r -> {
      LOG.info("starting queued run {} of {}", r.id(), workflowId);
      launcher.launchNow(workflowId, r.id());
    });
  }

  /** Periodic pass: idle workflows with queued runs, and lost launches. */
  public void runOnce() {
    runs.workflowsWithQueuedRuns().forEach(this::startNext);
    var due = clock.instant().minus(LOST_LAUNCH);
    for (RunRecord r : runs.scheduledNotQueued()) {
      var dueAt = r.notBefore() != null ? r.notBefore() : r.createdAt();
      if (dueAt.isBefore(due) && !launcher.hasPendingLaunch(r.id())) {
        LOG.warn("run {} of {} was due at {} but has no pending launch; launching it", r.id(),
            r.workflowId(), dueAt);
        launcher.launchNow(r.workflowId(), r.id());
      }
    }
  }
}
