package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sc_runs}. A run is keyed by (workflow, slot): inserting a slot twice fails, and a run is
 * completed only by the attempt that is running it ({@link #finish} is conditional), so a crash or
 * a race never completes one slot twice.
 */
public final class RunRepository {

  private static final String COLUMNS = "id, workflow_id, slot_key, scheduled_at, trigger_kind,"
      + " state, reason, attempt, queued, not_before, node_id, created_at, started_at, finished_at,"
      + " heartbeat_at, params, correlation_id, requested_by, log_path, error, retry_of";

  private final Jdbc jdbc;

  public RunRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a run; throws {@code DbException.UniqueViolation} when the slot already has a row. */
  public long insert(NewRun run, Instant now) {
    return jdbc.insert("INSERT INTO sc_runs (workflow_id, slot_key, scheduled_at, trigger_kind,"
            + " state, reason, queued, not_before, created_at, params, correlation_id, requested_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a -> a.string(run.workflowId()).string(run.slotKey()).instant(run.scheduledAt())
            .name(run.triggerKind()).name(run.state()).string(truncate(run.reason(), 2000))
            .bool(run.queued()).instant(run.notBefore()).instant(now)
            .string(Json.write(run.params())).string(run.correlationId())
            .string(run.requestedBy()));
  }

  /** Links a new run to the run it retries. */
  public void setRetryOf(long id, long retriedRunId) {
    jdbc.update("UPDATE sc_runs SET retry_of = ? WHERE id = ?", a -> a.longValue(retriedRunId).longValue(id));
  }

  /**
   * Turns a slot recorded as not run (paused, missed, skipped) into a run waiting to start, for
   * resume-with-catch-up and backfill. False when the row is no longer in such a state.
   */
  public boolean reviveNotRun(long id, TriggerKind kind, String reason, boolean queued, Instant now) {
    return jdbc.update("UPDATE sc_runs SET state = 'SCHEDULED', trigger_kind = ?, reason = ?, queued = ?,"
            + " finished_at = NULL, created_at = ? WHERE id = ? AND state IN ("
            + RunState.sqlList(RunState.NOT_RUN) + ")",
        a -> a.name(kind).string(truncate(reason, 2000)).bool(queued).instant(now).longValue(id)) == 1;
  }

  /** Slots of a workflow in the given states with scheduled times in [from, to], oldest first. */
  public List<RunRecord> inStates(String workflowId, Set<RunState> states, Instant from, Instant to) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND state IN ("
            + RunState.sqlList(states) + ") AND scheduled_at >= ? AND scheduled_at <= ?"
            + " ORDER BY scheduled_at, id",
        a -> a.string(workflowId).instant(from).instant(to), RunRepository::map);
  }

  /** Newest first: slots that did not run (MISSED, SKIPPED_*), of one workflow or all. */
  public List<RunRecord> notRun(String workflowId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE state IN ("
            + RunState.sqlList(RunState.NOT_RUN) + ")" + (workflowId != null ? " AND workflow_id = ?" : "")
            + " ORDER BY scheduled_at DESC, id DESC LIMIT ?",
        a -> {
          if (workflowId != null) {
            a.string(workflowId);
          }
          a.intValue(limit);
        }, RunRepository::map);
  }

  public Optional<RunRecord> find(long id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM sc_runs WHERE id = ?",
        a -> a.longValue(id), RunRepository::map);
  }

  public Optional<RunRecord> findBySlot(String workflowId, String slotKey) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND slot_key = ?",
        a -> a.string(workflowId).string(slotKey), RunRepository::map);
  }

  /**
   * Moves a SCHEDULED or INTERRUPTED run (or, on crash recovery, a RUNNING one) to RUNNING on
   * {@code nodeId} as a new attempt. Returns the run as stored after the change (its new attempt
   * included, read in the same transaction), or empty when the run was not in one of {@code
   * fromStates} (someone else started or ended it).
   */
  public Optional<RunRecord> start(long id, Set<RunState> fromStates, String nodeId, String logPath,
      Instant now) {
    return jdbc.inTransaction(tx -> {
      int changed = tx.update("UPDATE sc_runs SET state = 'RUNNING', attempt = attempt + 1,"
              + " node_id = ?, started_at = COALESCE(started_at, ?), heartbeat_at = ?,"
              + " log_path = ?, queued = FALSE, finished_at = NULL, error = NULL"
              + " WHERE id = ? AND state IN (" + RunState.sqlList(fromStates) + ")",
          a -> a.string(nodeId).instant(now).instant(now).string(logPath).longValue(id));
      if (changed == 0) {
        return Optional.empty();
      }
      return tx.queryOne("SELECT " + COLUMNS + " FROM sc_runs WHERE id = ?", a -> a.longValue(id),
          RunRepository::map);
    });
  }

  /**
   * Ends a run, but only if {@code attempt} is still the one running it. Returns false when the
   * run was meanwhile ended or taken over: the caller's result is then stale and must be dropped.
   */
  public boolean finish(long id, int attempt, RunState state, String error, Instant now) {
    return jdbc.update("UPDATE sc_runs SET state = ?, finished_at = ?, error = ?"
            + " WHERE id = ? AND attempt = ? AND state = 'RUNNING'",
        a -> a.name(state).instant(now).string(truncate(error, 4000)).longValue(id)
            .intValue(attempt)) == 1;
  }

  /** Whether {@code attempt} is still the one running the run (not ended, not taken over). */
  public boolean ownedBy(long id, int attempt) {
    return !jdbc.query("SELECT 1 FROM sc_runs WHERE id = ? AND attempt = ? AND state = 'RUNNING'",
        a -> a.longValue(id).intValue(attempt), r -> 1).isEmpty();
  }

  /** Ends a run that never started (a queued or delayed run that is cancelled or dropped). */
  public boolean endUnstarted(long id, RunState state, String reason, Instant now) {
    return jdbc.update("UPDATE sc_runs SET state = ?, reason = ?, finished_at = ?, queued = FALSE"
            + " WHERE id = ? AND state = 'SCHEDULED'",
        a -> a.name(state).string(truncate(reason, 2000)).instant(now).longValue(id)) == 1;
  }

  /** Records that a RUNNING run's process died with its daemon. */
  public boolean markInterrupted(long id, int attempt, String error, Instant now) {
    return jdbc.update("UPDATE sc_runs SET state = 'INTERRUPTED', finished_at = ?, error = ?"
            + " WHERE id = ? AND attempt = ? AND state = 'RUNNING'",
        a -> a.instant(now).string(truncate(error, 4000)).longValue(id).intValue(attempt)) == 1;
  }

  /** Takes a queued run off the queue so that exactly one caller launches it. */
  public boolean claimQueued(long id) {
    return jdbc.update("UPDATE sc_runs SET queued = FALSE WHERE id = ? AND queued = TRUE"
        + " AND state = 'SCHEDULED'", a -> a.longValue(id)) == 1;
  }

  /**
   * Records that these attempts are alive; returns the runs whose attempt no longer owns them
   * (another node took them over while this one was paused or cut off, or they ended).
   */
  public Set<Long> heartbeat(java.util.Map<Long, Integer> attempts, Instant now) {
    if (attempts.isEmpty()) {
      return Set.of();
    }
    List<java.util.Map.Entry<Long, Integer>> entries = List.copyOf(attempts.entrySet());
    int[] counts = jdbc.batch("UPDATE sc_runs SET heartbeat_at = ? WHERE id = ? AND attempt = ?"
            + " AND state = 'RUNNING'",
        entries.stream().<Jdbc.Binder>map(e -> a -> a.instant(now).longValue(e.getKey())
            .intValue(e.getValue())).toList());
    Set<Long> lost = new HashSet<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        lost.add(entries.get(i).getKey());
      }
    }
    return lost;
  }

  /** Runs of a workflow that are SCHEDULED or RUNNING, oldest first. */
  public List<RunRecord> active(String workflowId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND state IN ("
            + RunState.sqlList(RunState.ACTIVE) + ") ORDER BY id",
        a -> a.string(workflowId), RunRepository::map);
  }

  /** RUNNING runs, on one node or (nodeId null) anywhere. */
  public List<RunRecord> running(String nodeId) {
    if (nodeId == null) {
      return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE state = 'RUNNING' ORDER BY id",
          Jdbc.Binder.NONE, RunRepository::map);
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE state = 'RUNNING' AND node_id = ?"
        + " ORDER BY id", a -> a.string(nodeId), RunRepository::map);
  }

  /** The oldest queued run of a workflow, if any. */
  public Optional<RunRecord> oldestQueued(String workflowId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND queued = TRUE"
            + " AND state = 'SCHEDULED' ORDER BY scheduled_at, id",
        a -> a.string(workflowId), RunRepository::map).stream().findFirst();
  }

  /**
   * Whether the workflow has a queued run waiting: one indexed read outside any transaction, no
   * lock taken (the cheap probe before {@code QueuedRuns.startNext} takes the workflow's lock).
   */
  public boolean hasQueued(String workflowId) {
    return !jdbc.query("SELECT 1 FROM sc_runs WHERE workflow_id = ? AND queued = TRUE"
            + " AND state = 'SCHEDULED' FETCH FIRST 1 ROWS ONLY",
        a -> a.string(workflowId), r -> 1).isEmpty();
  }

  /** Workflows that have queued runs waiting. */
  public Set<String> workflowsWithQueuedRuns() {
    return new HashSet<>(jdbc.query("SELECT DISTINCT workflow_id FROM sc_runs WHERE queued = TRUE"
        + " AND state = 'SCHEDULED'", Jdbc.Binder.NONE, r -> r.string("workflow_id")));
  }

  /** SCHEDULED runs that are not queued: each should have a pending launch. */
  public List<RunRecord> scheduledNotQueued() {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE state = 'SCHEDULED'"
        + " AND queued = FALSE ORDER BY id", Jdbc.Binder.NONE, RunRepository::map);
  }

  /** Slot keys recorded for a workflow with scheduled times in [from, to]. */
  public Set<String> slotKeys(String workflowId, Instant from, Instant to) {
    return new HashSet<>(jdbc.query("SELECT slot_key FROM sc_runs WHERE workflow_id = ?"
            + " AND scheduled_at >= ? AND scheduled_at <= ?",
        a -> a.string(workflowId).instant(from).instant(to), r -> r.string("slot_key")));
  }

  /** Newest first. Any filter may be null. */
  public List<RunRecord> list(String workflowId, RunState state, int limit) {
    return list(workflowId, state, null, limit);
  }

  /**
   * Newest first, ids below {@code beforeId} (null = from the newest): keyset paging, so a page
   * deep in a long history costs what the first one does. Any filter may be null.
   */
  public List<RunRecord> list(String workflowId, RunState state, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sc_runs WHERE 1 = 1");
    if (workflowId != null) {
      sql.append(" AND workflow_id = ?");
    }
    if (state != null) {
      sql.append(" AND state = ?");
    }
    if (beforeId != null) {
      sql.append(" AND id < ?");
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    return jdbc.query(sql.toString(), a -> {
      if (workflowId != null) {
        a.string(workflowId);
      }
      if (state != null) {
        a.name(state);
      }
      if (beforeId != null) {
        a.longValue(beforeId);
      }
      a.intValue(limit);
    }, RunRepository::map);
  }

  /** Runs that ended at or after {@code since}, counted by end state. */
  public java.util.Map<RunState, Long> endedSince(Instant since) {
    java.util.Map<RunState, Long> counts = new java.util.EnumMap<>(RunState.class);
    jdbc.query("SELECT state, COUNT(*) AS n FROM sc_runs WHERE finished_at >= ? GROUP BY state",
            a -> a.instant(since),
            r -> java.util.Map.entry(r.enumValue("state", RunState.class), r.longValue("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** End states of the workflow's newest runs that ran (not slots skipped or missed), newest first. */
  public List<RunState> lastRanStates(String workflowId, int n) {
    return jdbc.query("SELECT state FROM sc_runs WHERE workflow_id = ? AND started_at IS NOT NULL"
            + " AND finished_at IS NOT NULL AND state NOT IN (" + RunState.sqlList(RunState.ACTIVE) + ")"
            + " ORDER BY finished_at DESC, id DESC LIMIT ?",
        a -> a.string(workflowId).intValue(n), r -> r.enumValue("state", RunState.class));
  }

  /** When a run of the workflow last ended successfully, if ever. */
  public Optional<Instant> lastSuccessAt(String workflowId) {
    return jdbc.queryOne("SELECT MAX(finished_at) AS t FROM sc_runs WHERE workflow_id = ?"
            + " AND state IN ('SUCCEEDED', 'SUCCEEDED_WITH_WARNINGS')",
        a -> a.string(workflowId), r -> r.instant("t"));
  }

  /** The newest run of a workflow that ended (any terminal state), if any. */
  /** The latest run of this kind admitted to run (not a skipped slot) at or after {@code since}. */
  public Optional<RunRecord> latestOfKind(String workflowId, TriggerKind kind, Instant since) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND trigger_kind = ?"
            + " AND created_at >= ? AND state NOT IN (" + RunState.sqlList(RunState.NOT_RUN) + ")"
            + " ORDER BY id DESC LIMIT 1",
        a -> a.string(workflowId).string(kind.name()).instant(since), RunRepository::map).stream().findFirst();
  }

  /** Runs of a workflow that ran and ended at or after {@code since}, oldest first. */
  public List<RunRecord> endedSince(String workflowId, Instant since) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE finished_at >= ? AND workflow_id = ?"
            + " AND started_at IS NOT NULL AND state NOT IN (" + RunState.sqlList(RunState.ACTIVE) + ")"
            + " ORDER BY finished_at, id",
        a -> a.instant(since).string(workflowId), RunRepository::map);
  }

  /** Whether a run with this slot key exists (of any state). */
  public boolean hasSlot(String workflowId, String slotKey) {
    return findBySlot(workflowId, slotKey).isPresent();
  }

  public Optional<RunRecord> lastEnded(String workflowId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_runs WHERE workflow_id = ? AND state NOT IN ("
            + RunState.sqlList(RunState.ACTIVE) + ") ORDER BY id DESC LIMIT 1",
        a -> a.string(workflowId), RunRepository::map).stream().findFirst();
  }

  static RunRecord map(Row r) throws SQLException {
    return new RunRecord(r.longValue("id"), r.string("workflow_id"), r.string("slot_key"),
        r.instant("scheduled_at"), r.enumValue("trigger_kind", TriggerKind.class),
        r.enumValue("state", RunState.class), r.string("reason"), r.intValue("attempt"),
        r.bool("queued"), r.instant("not_before"), r.string("node_id"), r.instant("created_at"),
        r.instant("started_at"), r.instant("finished_at"), r.instant("heartbeat_at"),
        Json.read(r.string("params")), r.string("correlation_id"), r.string("requested_by"),
        r.string("log_path"), r.string("error"), r.nullableLong("retry_of"));
  }

  static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "…";
  }
}
