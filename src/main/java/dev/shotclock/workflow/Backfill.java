package dev.shotclock.workflow;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.DbException;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs the past slots of a workflow in a time range, one after another (queued): slots with no row,
 * and slots recorded as not run (missed, skipped). Slots that ran, or are running, are left alone.
 */
public final class Backfill {

  /** At most this many slots per request. */
  public static final int MAX_SLOTS = 1000;

  /** What happens (or would happen, on a dry run) to one slot. */
  public record Slot(Instant scheduledAt, String action, Long runId) {}

  private final Jdbc jdbc;
  private final FireTimes fireTimes;
  private final QueuedRuns queued;
  private final Clock clock;

  public Backfill(Jdbc jdbc, FireTimes fireTimes, QueuedRuns queued, Clock clock) {
    this.jdbc = jdbc;
    this.fireTimes = fireTimes;
    this.queued = queued;
    this.clock = clock;
  }

  /** @throws IllegalArgumentException for a bad range or one with more than {@link #MAX_SLOTS} slots */
  public List<Slot> run(WorkflowDef wf, Instant from, Instant to, boolean dryRun, String by) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("--to must be after --from");
    }
    if (to.isAfter(clock.instant())) {
      throw new IllegalArgumentException("--to is in the future; backfill only runs past slots");
    }
    TreeSet<Instant> slots = new TreeSet<>();
    wf.triggers().forEach(t -> slots.addAll(fireTimes.between(t, from.minusMillis(1), to, MAX_SLOTS + 1)));
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("workflow " + wf.id() + " has no slot between " + from + " and " + to);
    }
    if (slots.size() > MAX_SLOTS) {
      throw new IllegalArgumentException("more than " + MAX_SLOTS + " slots between " + from + " and "
          + to + "; backfill a shorter range");
    }
    RunRepository runs = new RunRepository(jdbc);
    List<Slot> out = new ArrayList<>();
    for (Instant slot : slots) {
      out.add(plan(runs, wf, slot, dryRun, by));
    }
    if (!dryRun) {
      queued.startNext(wf.id());
    }
    return out;
  }

  private Slot plan(RunRepository runs, WorkflowDef wf, Instant slot, boolean dryRun, String by) {
    Optional<RunRecord> existing = runs.findBySlot(wf.id(), NewRun.slotKey(slot));
    if (existing.isPresent() && !RunState.NOT_RUN.contains(existing.get().state())) {
      return new Slot(slot, "kept: already " + existing.get().state(), existing.get().id());
    }
    String reason = "backfill requested by " + by;
    if (existing.isPresent()) {
      if (dryRun) {
        return new Slot(slot, "would run (was " + existing.get().state() + ")", existing.get().id());
      }
      runs.reviveNotRun(existing.get().id(), TriggerKind.BACKFILL, reason, true, clock.instant());
      return new Slot(slot, "queued (was " + existing.get().state() + ")", existing.get().id());
    }
    if (dryRun) {
      return new Slot(slot, "would run", null);
    }
    try {
      long id = runs.insert(new NewRun(wf.id(), NewRun.slotKey(slot), slot, TriggerKind.BACKFILL,
          RunState.SCHEDULED, reason, true, null, Map.of(), UUID.randomUUID().toString(), by), clock.instant());
      return new Slot(slot, "queued", id);
    } catch (DbException.UniqueViolation e) {
      return new Slot(slot, "kept: recorded meanwhile", null);
    }
  }
}
