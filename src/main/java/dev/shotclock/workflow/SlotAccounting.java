package dev.shotclock.workflow;

import dev.shotclock.config.CatchUp;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.DbException;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RepeatedFailureLog;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.SchedulerState;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every slot of every schedule gets a row. Slots that passed without a fire (the daemon
 * was down, or could not fire in time) are found by comparing the triggers' fire times with the
 * recorded slots, and then handled by the workflow's {@code catch_up} policy: recorded MISSED with
 * the reason, or run (the latest one, or each in order). Run at start-up, before the engine fires,
 * and periodically.
 */
public final class SlotAccounting {

  private static final Logger LOG = LoggerFactory.getLogger(SlotAccounting.class);
  /** Slots enumerated per workflow and pass; a longer outage is worked off over several passes. */
  static final int MAX_SLOTS_PER_PASS = 1000;

  private final LiveConfig config;
  private final Jdbc jdbc;
  private final FireTimes fireTimes;
  private final Admission admission;
  private final Launcher launcher;
  private final QueuedRuns queued;
  private final EventLog events;
  private final Clock clock;
  private final Duration misfireThreshold;
  private final RepeatedFailureLog failures = new RepeatedFailureLog(LOG);

  public SlotAccounting(LiveConfig config, Jdbc jdbc, FireTimes fireTimes, Admission admission,
      Launcher launcher, QueuedRuns queued, EventLog events, Clock clock, Duration misfireThreshold) {
    this.config = config;
    this.jdbc = jdbc;
    this.fireTimes = fireTimes;
    this.admission = admission;
    this.launcher = launcher;
    this.queued = queued;
    this.events = events;
    this.clock = clock;
    this.misfireThreshold = misfireThreshold;
  }

  /**
   * One pass over all workflows. Slots younger than the misfire threshold are left to the engine,
   * which still fires them late.
   *
   * @param cause why slots were missed, for the MISSED rows ("daemon was not running", ...)
   */
  public void runOnce(String cause) {
    Instant now = clock.instant();
    for (WorkflowDef wf : config.get().workflows()) {
      account(wf, now.minus(misfireThreshold), cause);
    }
  }

  /**
   * Records every slot of a paused workflow up to now (paused triggers do not fire late), before a
   * resume decides what to do with them.
   */
  public void accountPausedUntilNow(WorkflowDef wf) {
    account(wf, clock.instant(), "paused");
  }

  private void account(WorkflowDef wf, Instant horizon, String cause) {
    if (wf.triggers().isEmpty()) {
      return;
    }
    WorkflowStateRepository states = new WorkflowStateRepository(jdbc);
    try {
      states.find(wf.id()).ifPresent(st -> account(wf, st, horizon, clock.instant(), cause, states));
      failures.succeeded("slot accounting of " + wf.id());
    } catch (RuntimeException e) {
      failures.failed("slot accounting of " + wf.id(), e);
    }
  }

  private void account(WorkflowDef wf, WorkflowState st, Instant horizon, Instant now, String cause,
      WorkflowStateRepository states) {
    Instant from = st.slotsCheckedUntil().isAfter(st.scheduleSince())
        ? st.slotsCheckedUntil() : st.scheduleSince();
    if (!horizon.isAfter(from)) {
      return;
    }
    TreeMap<Instant, Integer> expected = expectedSlots(wf, from, horizon);
    Instant checkedUntil = expected.size() >= MAX_SLOTS_PER_PASS ? expected.lastKey() : horizon;
    Set<String> recorded = new RunRepository(jdbc).slotKeys(wf.id(), from, checkedUntil);
    List<Map.Entry<Instant, Integer>> missed = new ArrayList<>();
    for (Map.Entry<Instant, Integer> slot : expected.entrySet()) {
      if (!slot.getKey().isAfter(checkedUntil) && !recorded.contains(NewRun.slotKey(slot.getKey()))) {
        missed.add(slot);
      }
    }
    if (!missed.isEmpty()) {
      handleMissed(wf, st, missed, now, cause);
    }
    states.setSlotsCheckedUntil(wf.id(), checkedUntil, now);
  }

  /** Fire times of all the workflow's triggers in (from, to], slot -> index of a trigger. */
  private TreeMap<Instant, Integer> expectedSlots(WorkflowDef wf, Instant from, Instant to) {
    TreeMap<Instant, Integer> slots = new TreeMap<>();
    for (int i = 0; i < wf.triggers().size(); i++) {
      TriggerDef t = wf.triggers().get(i);
      for (Instant at : fireTimes.between(t, from, to, MAX_SLOTS_PER_PASS)) {
        slots.putIfAbsent(at, i);
      }
    }
    while (slots.size() > MAX_SLOTS_PER_PASS) {
      slots.pollLastEntry();
    }
    return slots;
  }

  private void handleMissed(WorkflowDef wf, WorkflowState st, List<Map.Entry<Instant, Integer>> missed,
      Instant now, String cause) {
    SchedulerState global = new SchedulerStateRepository(jdbc).get();
    if (st.paused() || global.paused()) {
      String why = Admission.pauseReason(st, global);
      missed.forEach(s -> record(wf, s.getKey(), RunState.SKIPPED_PAUSED, why));
      return;
    }
    CatchUp catchUp = wf.catchUp();
    List<Map.Entry<Instant, Integer>> eligible = new ArrayList<>();
    for (Map.Entry<Instant, Integer> s : missed) {
      if (catchUp.maxLateness() != null && Duration.between(s.getKey(), now).compareTo(catchUp.maxLateness()) > 0) {
        record(wf, s.getKey(), RunState.MISSED, cause + "; older than catch_up.max_lateness "
            + catchUp.maxLateness());
      } else {
        eligible.add(s);
      }
    }
    switch (catchUp.policy()) {
      case NONE -> eligible.forEach(s -> record(wf, s.getKey(), RunState.MISSED, cause + "; catch_up: none"));
      case ONCE -> catchUpLatest(wf, eligible, cause);
      case ALL -> catchUpEach(wf, eligible, cause);
    }
    events.warn("SLOTS_MISSED", wf.id(), null, missed.size() + " slot(s) from " + missed.get(0).getKey()
        + " to " + missed.get(missed.size() - 1).getKey() + " were not fired (" + cause
        + "); catch_up: " + catchUp.policy().name().toLowerCase() + ", " + eligible.size()
        + " within max_lateness");
  }

  private void catchUpLatest(WorkflowDef wf, List<Map.Entry<Instant, Integer>> eligible, String cause) {
    for (int i = 0; i < eligible.size() - 1; i++) {
      record(wf, eligible.get(i).getKey(), RunState.MISSED, cause
          + "; catch_up: once runs only the latest missed slot");
    }
    if (!eligible.isEmpty()) {
      Map.Entry<Instant, Integer> latest = eligible.get(eligible.size() - 1);
      Admission.Decision d = admission.admitSlot(wf, -1, latest.getKey(), TriggerKind.CATCH_UP);
      if (d.kind() == Admission.Kind.RUN_NOW || d.kind() == Admission.Kind.DELAYED) {
        launcher.launchNow(wf.id(), d.runId());
      }
    }
  }

  private void catchUpEach(WorkflowDef wf, List<Map.Entry<Instant, Integer>> eligible, String cause) {
    RunRepository runs = new RunRepository(jdbc);
    for (Map.Entry<Instant, Integer> s : eligible) {
      insertIgnoringDuplicate(runs, new NewRun(wf.id(), NewRun.slotKey(s.getKey()), s.getKey(),
          TriggerKind.CATCH_UP, RunState.SCHEDULED, "catch_up: all (" + cause + ")", true, null,
          Map.of(), UUID.randomUUID().toString(), null));
    }
    queued.startNext(wf.id());
  }

  private void record(WorkflowDef wf, Instant slot, RunState state, String reason) {
    insertIgnoringDuplicate(new RunRepository(jdbc), NewRun.notRun(wf.id(), slot,
        TriggerKind.SCHEDULE, state, reason, UUID.randomUUID().toString()));
  }

  /** A concurrent late fire may have taken the slot meanwhile; then it has its row already. */
  private Optional<Long> insertIgnoringDuplicate(RunRepository runs, NewRun run) {
    try {
      return Optional.of(runs.insert(run, clock.instant()));
    } catch (DbException.UniqueViolation e) {
      LOG.debug("slot {} of {} was recorded meanwhile", run.slotKey(), run.workflowId());
      return Optional.empty();
    }
  }
}
