package dev.shotclock.workflow;

import dev.shotclock.config.OverlapPolicy;
import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.SchedulerState;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Decides, in one transaction holding the workflow's row lock, what a slot or a manual request
 * becomes: a run now, a delayed run (jitter), a queued run, or a row saying why it did not run
 * (paused, overlap). The lock makes the decision safe against a concurrent fire on any node.
 */
public final class Admission {

  /** What became of a request. */
  public enum Kind {
    RUN_NOW,
    DELAYED,
    QUEUED,
    SKIPPED,
    /** The slot already has a row (a duplicate or recovered fire). */
    DUPLICATE,
    /** A manual request refused because overlap is forbidden. */
    CONFLICT
  }

  /**
   * @param runId the run row created (or found, for DUPLICATE / CONFLICT the blocking run)
   * @param replaced runs to cancel because {@code overlap: replace}
   */
  public record Decision(Kind kind, long runId, Instant notBefore, String message, List<Long> replaced) {}

  private final Jdbc jdbc;
  private final Clock clock;
  private final ResourceHold resources;
  private final Blackouts blackouts;

  private final QueuedRuns queued;

  public Admission(Jdbc jdbc, Clock clock, ResourceHold resources, Blackouts blackouts) {
    this(jdbc, clock, resources, blackouts, null);
  }

  /**
   * @param queued told after a run was queued (after the commit): the run it waited for may have
   *     ended meanwhile without seeing it ({@link QueuedRuns#startNextIfQueued} probes without
   *     the workflow's lock); null in tests that do not start queued runs
   */
  public Admission(Jdbc jdbc, Clock clock, ResourceHold resources, Blackouts blackouts,
      QueuedRuns queued) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.resources = resources;
    this.blackouts = blackouts;
    this.queued = queued;
  }

  /** After the admission transaction committed: a queued run must not wait for a run that ended. */
  private Decision afterCommit(WorkflowDef wf, Decision d) {
    if (d.kind() == Kind.QUEUED && queued != null) {
      queued.startNext(wf.id());
    }
    return d;
  }

  /** A cron slot (on time, or caught up after downtime). */
  public Decision admitSlot(WorkflowDef wf, int triggerIndex, Instant slot, TriggerKind kind) {
    Duration jitter = triggerIndex >= 0 && triggerIndex < wf.triggers().size()
        ? wf.triggers().get(triggerIndex).jitter() : Duration.ZERO;
    return afterCommit(wf, jdbc.inTransaction(tx -> {
      WorkflowState state = lockState(tx, wf.id());
      RunRepository runs = new RunRepository(tx);
      String slotKey = NewRun.slotKey(slot);
      var existing = runs.findBySlot(wf.id(), slotKey);
      if (existing.isPresent()) {
        return new Decision(Kind.DUPLICATE, existing.get().id(), null,
            "slot " + slotKey + " already recorded as " + existing.get().state(), List.of());
      }
      String correlation = UUID.randomUUID().toString();
      SchedulerState global = new SchedulerStateRepository(tx).get();
      if (state.paused() || global.paused()) {
        long id = runs.insert(NewRun.notRun(wf.id(), slot, kind, RunState.SKIPPED_PAUSED,
            pauseReason(state, global), correlation), clock.instant());
        return new Decision(Kind.SKIPPED, id, null, "paused", List.of());
      }
      String shortage = resources.holds(wf).orElse(null);
      if (shortage != null) {
        long id = runs.insert(NewRun.notRun(wf.id(), slot, kind, RunState.SKIPPED_RESOURCE,
            "collects_data and " + shortage, correlation), clock.instant());
        return new Decision(Kind.SKIPPED, id, null, "held back: " + shortage, List.of());
      }
      String blackout = blackouts.covering(wf, slot).orElse(null);
      if (blackout != null) {
        long id = runs.insert(NewRun.notRun(wf.id(), slot, kind, RunState.SKIPPED_BLACKOUT, blackout,
            correlation), clock.instant());
        return new Decision(Kind.SKIPPED, id, null, blackout, List.of());
      }
      Optional<RunRecord> upstreamRun = wf.upstream().isEmpty() ? Optional.empty()
          : runs.latestOfKind(wf.id(), TriggerKind.UPSTREAM, slot.minus(wf.upstream().fallbackWindow()));
      if (upstreamRun.isPresent()) {
        String why = "fallback slot: run " + upstreamRun.get().id() + " was started by its upstream ("
            + upstreamRun.get().requestedBy() + ") at " + upstreamRun.get().createdAt() + ", within fallback_window "
            + dev.shotclock.config.Durations.format(wf.upstream().fallbackWindow());
        long id = runs.insert(NewRun.notRun(wf.id(), slot, kind, RunState.SKIPPED_UPSTREAM, why, correlation),
            clock.instant());
        return new Decision(Kind.SKIPPED, id, null, why, List.of());
      }
      Instant notBefore = jitter.isZero() ? null : slot.plus(jitterDelay(wf.id(), slotKey, jitter));
      NewRun run = new NewRun(wf.id(), slotKey, slot, kind, RunState.SCHEDULED, null, false,
          notBefore, Map.of(), correlation, null);
      return decide(runs, wf, run);
    }));
  }

  /**
   * A request from an operator or a queued task.
   *
   * @param idempotencyKey the same key twice returns the first run; null = always a new run
   */
  public Decision admitRequest(WorkflowDef wf, TriggerKind kind, Map<String, String> params,
      String idempotencyKey, String requestedBy, String correlationId) {
    return admitRequest(wf, kind, params, idempotencyKey, requestedBy, correlationId, null);
  }

  /** A request that retries {@code retryOf}: the new run reuses that run's succeeded steps. */
  public Decision admitRequest(WorkflowDef wf, TriggerKind kind, Map<String, String> params,
      String idempotencyKey, String requestedBy, String correlationId, Long retryOf) {
    return admitRequest(wf, kind, params, idempotencyKey, requestedBy, correlationId, retryOf, false);
  }

  /**
   * @param force a manual request runs even inside a blackout window (without it: CONFLICT);
   *     a run an upstream would start inside one is recorded SKIPPED_BLACKOUT instead
   */
  public Decision admitRequest(WorkflowDef wf, TriggerKind kind, Map<String, String> params,
      String idempotencyKey, String requestedBy, String correlationId, Long retryOf, boolean force) {
    return afterCommit(wf, jdbc.inTransaction(tx -> {
      lockState(tx, wf.id());
      RunRepository runs = new RunRepository(tx);
      String slotKey = kind.name().toLowerCase() + ":"
          + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
      var existing = runs.findBySlot(wf.id(), slotKey);
      if (existing.isPresent()) {
        return new Decision(Kind.DUPLICATE, existing.get().id(), null,
            "idempotency key already used by run " + existing.get().id(), List.of());
      }
      Instant now = clock.instant();
      String correlation = correlationId != null ? correlationId : UUID.randomUUID().toString();
      String blackout = force ? null : blackouts.covering(wf, now).orElse(null);
      if (blackout != null && kind == TriggerKind.MANUAL) {
        return new Decision(Kind.CONFLICT, 0, null, "inside " + blackout + "; use force to run anyway",
            List.of());
      }
      if (blackout != null && kind == TriggerKind.UPSTREAM) {
        long id = runs.insert(new NewRun(wf.id(), slotKey, now, kind, RunState.SKIPPED_BLACKOUT, blackout,
            false, null, params, correlation, requestedBy), now);
        return new Decision(Kind.SKIPPED, id, null, blackout, List.of());
      }
      NewRun run = new NewRun(wf.id(), slotKey, now, kind, RunState.SCHEDULED, null,
          false, null, params, correlation, requestedBy);
      Decision d = decide(runs, wf, run);
      if (retryOf != null && d.kind() != Kind.CONFLICT) {
        runs.setRetryOf(d.runId(), retryOf);
      }
      return d;
    }));
  }

  private Decision decide(RunRepository runs, WorkflowDef wf, NewRun run) {
    List<RunRecord> active = runs.active(wf.id());
    if (active.isEmpty() || wf.overlap() == OverlapPolicy.ALLOW) {
      return start(runs, run, List.of());
    }
    RunRecord blocking = active.get(0);
    String why = "run " + blocking.id() + " (" + blocking.slotKey() + ") is still " + blocking.state();
    return switch (wf.overlap()) {
      case FORBID -> run.triggerKind() == TriggerKind.SCHEDULE || run.triggerKind() == TriggerKind.CATCH_UP
              || run.triggerKind() == TriggerKind.UPSTREAM
          ? skipOverlap(runs, run, why)
          : new Decision(Kind.CONFLICT, blocking.id(), null, "overlap forbidden: " + why, List.of());
      case QUEUE -> {
        long id = runs.insert(withQueued(run, "queued: " + why), clock.instant());
        yield new Decision(Kind.QUEUED, id, null, "queued behind run " + blocking.id(), List.of());
      }
      case REPLACE -> start(runs, run, active.stream().map(RunRecord::id).toList());
      case ALLOW -> start(runs, run, List.of());
    };
  }

  private Decision start(RunRepository runs, NewRun run, List<Long> replaced) {
    long id = runs.insert(run, clock.instant());
    Kind kind = run.notBefore() != null ? Kind.DELAYED : Kind.RUN_NOW;
    return new Decision(kind, id, run.notBefore(), null, replaced);
  }

  private Decision skipOverlap(RunRepository runs, NewRun run, String why) {
    long id = runs.insert(new NewRun(run.workflowId(), run.slotKey(), run.scheduledAt(),
        run.triggerKind(), RunState.SKIPPED_OVERLAP, "overlap: forbid; " + why, false, null,
        Map.of(), run.correlationId(), null), clock.instant());
    return new Decision(Kind.SKIPPED, id, null, why, List.of());
  }

  private static NewRun withQueued(NewRun r, String reason) {
    return new NewRun(r.workflowId(), r.slotKey(), r.scheduledAt(), r.triggerKind(), r.state(),
        reason, true, null, r.params(), r.correlationId(), r.requestedBy());
  }

  private WorkflowState lockState(Jdbc tx, String workflowId) {
    return new WorkflowStateRepository(tx).lock(tx, workflowId).orElseThrow(() ->
        new IllegalStateException("workflow " + workflowId + " has no state row; it is not"
            + " in the configuration the scheduler was synchronised with"));
  }

  /** Why a slot did not run: the workflow's pause, else the scheduler's. */
  static String pauseReason(WorkflowState state, SchedulerState global) {
    if (state.paused()) {
      return describePause("workflow paused", state.pausedBy(), state.pauseReason());
    }
    return describePause("scheduler paused", global.pausedBy(), global.pauseReason());
  }

  private static String describePause(String what, String by, String reason) {
    StringBuilder sb = new StringBuilder(what);
    if (by != null) {
      sb.append(" by ").append(by);
    }
    if (reason != null) {
      sb.append(": ").append(reason);
    }
    return sb.toString();
  }

  /** A delay in [0, jitter] fixed per (workflow, slot), so a retried fire waits the same. */
  static Duration jitterDelay(String workflowId, String slotKey, Duration jitter) {
    CRC32 crc = new CRC32();
    crc.update((workflowId + "@" + slotKey).getBytes(StandardCharsets.UTF_8));
    double fraction = crc.getValue() / (double) 0xFFFF_FFFFL;
    return Duration.ofMillis(Math.round(jitter.toMillis() * fraction));
  }

  /** The same fraction for a trigger definition; exposed for tests and status output. */
  static Duration jitterDelay(String workflowId, Instant slot, TriggerDef trigger) {
    return jitterDelay(workflowId, NewRun.slotKey(slot), trigger.jitter());
  }
}
