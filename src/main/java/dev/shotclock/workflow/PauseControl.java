package dev.shotclock.workflow;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.SchedulerState;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Pause and resume, of one workflow or the whole scheduler. The pause is stored (it survives a
 * restart) with who, why and an optional time to resume by itself; the cron triggers stop firing;
 * manual triggers still work. Slots that pass while paused are recorded SKIPPED_PAUSED, and the
 * resume decides what to do with them: skip (default, no burst), run the latest once, or run all.
 */
public final class PauseControl {

  /** What a pause or resume changed. */
  public record Outcome(boolean changed, String message, List<Long> startedRuns) {}

  private final LiveConfig config;
  private final Jdbc jdbc;
  private final TriggerSwitch triggers;
  private final SlotAccounting slots;
  private final QueuedRuns queued;
  private final EventLog events;
  private final Clock clock;

  public PauseControl(LiveConfig config, Jdbc jdbc, TriggerSwitch triggers, SlotAccounting slots,
      QueuedRuns queued, EventLog events, Clock clock) {
    this.config = config;
    this.jdbc = jdbc;
    this.triggers = triggers;
    this.slots = slots;
    this.queued = queued;
    this.events = events;
    this.clock = clock;
  }

  public Outcome pause(String workflowId, String by, String reason, Instant until) {
    WorkflowState st = workflowState(workflowId);
    if (st.paused()) {
      return new Outcome(false, workflowId + " is already paused", List.of());
    }
    new WorkflowStateRepository(jdbc).pause(workflowId, by, reason, until, clock.instant());
    triggers.setPaused(workflowId, true);
    events.info("WORKFLOW_PAUSED", workflowId, null, "paused by " + by + untilText(until) + reasonText(reason));
    return new Outcome(true, workflowId + " paused" + untilText(until), List.of());
  }

  public Outcome resume(String workflowId, ResumeChoice choice, String by) {
    WorkflowState st = workflowState(workflowId);
    if (!st.paused()) {
      return new Outcome(false, workflowId + " is not paused", List.of());
    }
    WorkflowDef wf = config.get().workflow(workflowId).orElseThrow();
    slots.accountPausedUntilNow(wf);
    new WorkflowStateRepository(jdbc).resume(workflowId, clock.instant());
    if (!new SchedulerStateRepository(jdbc).get().paused()) {
      triggers.setPaused(workflowId, false);
    }
    List<Long> started = catchUp(wf, st.pausedAt(), choice);
    events.info("WORKFLOW_RESUMED", workflowId, null, "resumed by " + by + " with catch-up "
        + choice.name().toLowerCase() + ": " + started.size() + " run(s) for slots passed while paused");
    return new Outcome(true, workflowId + " resumed; " + started.size() + " catch-up run(s)", started);
  }

  public Outcome pauseAll(String by, String reason, Instant until) {
    SchedulerStateRepository global = new SchedulerStateRepository(jdbc);
    if (global.get().paused()) {
      return new Outcome(false, "the scheduler is already paused", List.of());
    }
    global.pause(by, reason, until, clock.instant());
    triggers.setAllPaused(true);
    events.info("SCHEDULER_PAUSED", null, null, "paused by " + by + untilText(until) + reasonText(reason));
    return new Outcome(true, "scheduler paused" + untilText(until), List.of());
  }

  public Outcome resumeAll(ResumeChoice choice, String by) {
    SchedulerStateRepository globalRepo = new SchedulerStateRepository(jdbc);
    SchedulerState global = globalRepo.get();
    if (!global.paused()) {
      return new Outcome(false, "the scheduler is not paused", List.of());
    }
    config.get().workflows().forEach(slots::accountPausedUntilNow);
    globalRepo.resume();
    triggers.setAllPaused(false);
    WorkflowStateRepository states = new WorkflowStateRepository(jdbc);
    List<Long> started = new java.util.ArrayList<>();
    for (WorkflowDef wf : config.get().workflows()) {
      if (states.find(wf.id()).map(WorkflowState::paused).orElse(false)) {
        triggers.setPaused(wf.id(), true);
      } else {
        started.addAll(catchUp(wf, global.pausedAt(), choice));
      }
    }
    events.info("SCHEDULER_RESUMED", null, null, "resumed by " + by + " with catch-up "
        + choice.name().toLowerCase() + ": " + started.size() + " run(s)");
    return new Outcome(true, "scheduler resumed; " + started.size() + " catch-up run(s)", started);
  }

  /** Resumes pauses whose {@code until} has passed, with catch-up skip. */
  public void runOnce() {
    Instant now = clock.instant();
    SchedulerState global = new SchedulerStateRepository(jdbc).get();
    if (global.paused() && global.pausedUntil() != null && !global.pausedUntil().isAfter(now)) {
      resumeAll(ResumeChoice.SKIP, "auto-resume (until " + global.pausedUntil() + ")");
    }
    for (WorkflowState st : new WorkflowStateRepository(jdbc).all()) {
      if (st.paused() && st.pausedUntil() != null && !st.pausedUntil().isAfter(now)
          && config.get().workflow(st.workflowId()).isPresent()) {
        resume(st.workflowId(), ResumeChoice.SKIP, "auto-resume (until " + st.pausedUntil() + ")");
      }
    }
  }

  /** Turns slots skipped while paused into queued catch-up runs, per the choice. */
  private List<Long> catchUp(WorkflowDef wf, Instant pausedAt, ResumeChoice choice) {
    if (choice == ResumeChoice.SKIP || pausedAt == null) {
      return List.of();
    }
    RunRepository runs = new RunRepository(jdbc);
    List<RunRecord> skipped = runs.inStates(wf.id(), EnumSet.of(RunState.SKIPPED_PAUSED), pausedAt,
        clock.instant());
    List<RunRecord> chosen = choice == ResumeChoice.ALL || skipped.isEmpty()
        ? skipped : List.of(skipped.get(skipped.size() - 1));
    List<Long> revived = chosen.stream().filter(r -> runs.reviveNotRun(r.id(), TriggerKind.CATCH_UP,
        "resumed with catch-up " + choice.name().toLowerCase(), true, clock.instant()))
        .map(RunRecord::id).toList();
    if (!revived.isEmpty()) {
      queued.startNext(wf.id());
    }
    return revived;
  }

  private WorkflowState workflowState(String workflowId) {
    Optional<WorkflowState> st = new WorkflowStateRepository(jdbc).find(workflowId);
    if (st.isEmpty() || config.get().workflow(workflowId).isEmpty()) {
      throw new IllegalArgumentException("no workflow " + workflowId);
    }
    return st.get();
  }

  private static String untilText(Instant until) {
    return until == null ? "" : " until " + until;
  }

  private static String reasonText(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }
}
