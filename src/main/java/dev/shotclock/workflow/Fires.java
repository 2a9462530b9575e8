package dev.shotclock.workflow;

import dev.shotclock.config.CrashPolicy;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the scheduler engine starts a workflow job: a cron fire is admitted (or
 * recorded as skipped) and executed on the engine's thread; a launch executes its existing run; a
 * recovered fire (its daemon died) re-runs the steps that had not succeeded, per {@code on_crash}.
 */
public final class Fires {

  private static final Logger LOG = LoggerFactory.getLogger(Fires.class);

  private final LiveConfig config;
  private final Admission admission;
  private final RunExecutor executor;
  private final RunRepository runs;
  private final Launcher launcher;
  private final RunControl control;
  private final EventLog events;

  private final java.time.Clock clock;

  public Fires(LiveConfig config, Admission admission, RunExecutor executor, RunRepository runs,
      Launcher launcher, RunControl control, EventLog events, java.time.Clock clock) {
    this.clock = clock;
    this.config = config;
    this.admission = admission;
    this.executor = executor;
    this.runs = runs;
    this.launcher = launcher;
    this.control = control;
    this.events = events;
  }

  public void onFire(Fire fire) throws InterruptedException {
    Optional<WorkflowDef> wf = config.get().workflow(fire.workflowId());
    if (wf.isEmpty()) {
      LOG.warn("fire of workflow {} ignored: it is no longer in the configuration", fire.workflowId());
      return;
    }
    if (fire.runId() != null) {
      onLaunch(wf.get(), fire);
    } else if (fire.recovering()) {
      onRecoveredSlot(wf.get(), fire);
    } else {
      onSlot(wf.get(), fire);
    }
  }

  private void onSlot(WorkflowDef wf, Fire fire) throws InterruptedException {
    Admission.Decision d = admission.admitSlot(wf, fire.triggerIndex(), fire.scheduledAt(),
        TriggerKind.SCHEDULE);
    handle(wf, d);
  }

  /** Acts on an admission decision taken for this node's engine thread. */
  void handle(WorkflowDef wf, Admission.Decision d) throws InterruptedException {
    d.replaced().forEach(id -> control.cancel(id, "replaced by run " + d.runId() + " (overlap: replace)"));
    switch (d.kind()) {
      case RUN_NOW -> executor.execute(wf, d.runId(), EnumSet.of(RunState.SCHEDULED), false);
      case DELAYED -> launcher.launchAt(wf.id(), d.runId(), d.notBefore());
      case QUEUED, SKIPPED, CONFLICT -> LOG.info("workflow={} slot not run now: {} ({})", wf.id(),
          d.kind(), d.message());
      case DUPLICATE -> LOG.debug("workflow={} {}", wf.id(), d.message());
    }
  }

  private void onLaunch(WorkflowDef wf, Fire fire) throws InterruptedException {
    if (!fire.recovering()) {
      // the start itself checks that the run is (still) SCHEDULED: no read before it
      executor.execute(wf, fire.runId(), EnumSet.of(RunState.SCHEDULED), false);
      return;
    }
    Optional<RunRecord> run = runs.find(fire.runId());
    if (run.isEmpty()) {
      LOG.warn("launch of run {} ignored: no such run", fire.runId());
      return;
    }
    if (run.get().attempt() > 0) {
      recover(wf, run.get());
    } else {
      executor.execute(wf, run.get().id(), EnumSet.of(RunState.SCHEDULED), false);
    }
  }

  private void onRecoveredSlot(WorkflowDef wf, Fire fire) throws InterruptedException {
    Optional<RunRecord> run = runs.findBySlot(wf.id(), NewRun.slotKey(fire.scheduledAt()));
    if (run.isEmpty()) {
      onSlot(wf, fire);
    } else if (run.get().state() == RunState.SCHEDULED && run.get().attempt() == 0) {
      executor.execute(wf, run.get().id(), EnumSet.of(RunState.SCHEDULED), false);
    } else {
      recover(wf, run.get());
    }
  }

  /**
   * A run whose daemon died mid-run: on a single node, the restarted daemon; in a cluster, the
   * node whose Quartz noticed the death (the run may still be RUNNING on the dead node's id).
   */
  private void recover(WorkflowDef wf, RunRecord run) throws InterruptedException {
    if (run.state() != RunState.INTERRUPTED && run.state() != RunState.RUNNING) {
      LOG.debug("recovered fire of run {} ignored: it already ended {}", run.id(), run.state());
      return;
    }
    String died = "the daemon on node " + run.nodeId() + " running attempt " + run.attempt() + " died";
    if (wf.onCrash() == CrashPolicy.FAIL) {
      if (run.state() == RunState.RUNNING && runs.markInterrupted(run.id(), run.attempt(), died,
          clock.instant())) {
        events.warn("RUN_INTERRUPTED", wf.id(), run.id(), died);
      }
      events.warn("RUN_NOT_RERUN", wf.id(), run.id(), "run left INTERRUPTED by a crash is not re-run"
          + " (on_crash: fail)");
      return;
    }
    events.info("RUN_RERUN", wf.id(), run.id(), "re-running steps that had not succeeded after "
        + died + " (on_crash: rerun)");
    executor.execute(wf, run.id(), EnumSet.of(RunState.INTERRUPTED, RunState.RUNNING), true);
  }
}
