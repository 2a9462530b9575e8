package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code sc_workflow_state}: pause state and slot accounting of each workflow. */
public final class WorkflowStateRepository {

  private static final String COLUMNS = "workflow_id, active, paused, paused_at, paused_by,"
      + " pause_reason, paused_until, schedule_hash, schedule_since, slots_checked_until";

  private final Jdbc jdbc;

  public WorkflowStateRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes the row match a workflow of the configuration: created when new; when its triggers
   * changed, slot accounting restarts at {@code now} (slots of the old schedule are not missed
   * slots of the new one). Pause state is kept.
   */
  public void sync(String workflowId, String scheduleHash, Instant now) {
    jdbc.inTransaction(tx -> {
      Optional<WorkflowState> existing = lock(tx, workflowId);
      if (existing.isEmpty()) {
        tx.update("INSERT INTO sc_workflow_state (workflow_id, schedule_hash, schedule_since,"
                + " slots_checked_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            a -> a.string(workflowId).string(scheduleHash).instant(now).instant(now).instant(now)
                .instant(now));
      } else if (!existing.get().scheduleHash().equals(scheduleHash) || !existing.get().active()) {
        tx.update("UPDATE sc_workflow_state SET schedule_hash = ?, schedule_since = ?,"
                + " slots_checked_until = ?, active = TRUE, updated_at = ? WHERE workflow_id = ?",
            a -> a.string(scheduleHash).instant(now).instant(now).instant(now).string(workflowId));
      }
      return null;
    });
  }

  /**
   * {@link #sync} for every workflow of a configuration (id to schedule fingerprint), the rows
   * that need a change in one transaction (a first start with 100 workflows: one commit, not
   * 100); rows that already match are only read. If a concurrent node inserted one of the new
   * rows meanwhile, the batch is rolled back and done again row by row, as {@link #sync} does.
   */
  public void syncAll(java.util.Map<String, String> scheduleHashes, Instant now) {
    java.util.Map<String, WorkflowState> current = new java.util.HashMap<>();
    all().forEach(s -> current.put(s.workflowId(), s));
    List<String> toSync = scheduleHashes.entrySet().stream()
        .filter(e -> {
          WorkflowState s = current.get(e.getKey());
          return s == null || !s.active() || !s.scheduleHash().equals(e.getValue());
        })
        .map(java.util.Map.Entry::getKey).sorted().toList();
    if (toSync.isEmpty()) {
      return;
    }
    try {
      jdbc.inTransaction(tx -> {
        WorkflowStateRepository txStates = new WorkflowStateRepository(tx);
        toSync.forEach(id -> txStates.sync(id, scheduleHashes.get(id), now));
        return null;
      });
    } catch (dev.shotclock.db.DbException.UniqueViolation e) {
      toSync.forEach(id -> sync(id, scheduleHashes.get(id), now));
    }
  }

  /** Marks workflows no longer in the configuration; their history stays. */
  public void deactivateAllExcept(java.util.Set<String> workflowIds, Instant now) {
    for (WorkflowState s : all()) {
      if (s.active() && !workflowIds.contains(s.workflowId())) {
        jdbc.update("UPDATE sc_workflow_state SET active = FALSE, updated_at = ? WHERE workflow_id = ?",
            a -> a.instant(now).string(s.workflowId()));
      }
    }
  }

  public Optional<WorkflowState> find(String workflowId) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM sc_workflow_state WHERE workflow_id = ?",
        a -> a.string(workflowId), WorkflowStateRepository::map);
  }

  public List<WorkflowState> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_workflow_state ORDER BY workflow_id",
        Jdbc.Binder.NONE, WorkflowStateRepository::map);
  }

  /**
   * Locks the workflow's row for the rest of the transaction {@code tx}: admission decisions
   * (overlap, pause) for one workflow are then serialised, on one node or many.
   */
  public Optional<WorkflowState> lock(Jdbc tx, String workflowId) {
    return tx.queryOne("SELECT " + COLUMNS + " FROM sc_workflow_state WHERE workflow_id = ? FOR UPDATE",
        a -> a.string(workflowId), WorkflowStateRepository::map);
  }

  public void setSlotsCheckedUntil(String workflowId, Instant until, Instant now) {
    jdbc.update("UPDATE sc_workflow_state SET slots_checked_until = ?, updated_at = ?"
            + " WHERE workflow_id = ? AND slots_checked_until < ?",
        a -> a.instant(until).instant(now).string(workflowId).instant(until));
  }

  public void pause(String workflowId, String by, String reason, Instant until, Instant now) {
    jdbc.update("UPDATE sc_workflow_state SET paused = TRUE, paused_at = ?, paused_by = ?,"
            + " pause_reason = ?, paused_until = ?, updated_at = ? WHERE workflow_id = ?",
        a -> a.instant(now).string(by).string(reason).instant(until).instant(now).string(workflowId));
  }

  public void resume(String workflowId, Instant now) {
    jdbc.update("UPDATE sc_workflow_state SET paused = FALSE, paused_at = NULL, paused_by = NULL,"
            + " pause_reason = NULL, paused_until = NULL, updated_at = ? WHERE workflow_id = ?",
        a -> a.instant(now).string(workflowId));
  }

  static WorkflowState map(Row r) throws SQLException {
    return new WorkflowState(r.string("workflow_id"), r.bool("active"), r.bool("paused"),
        r.instant("paused_at"), r.string("paused_by"), r.string("pause_reason"),
        r.instant("paused_until"), r.string("schedule_hash"), r.instant("schedule_since"),
        r.instant("slots_checked_until"));
  }
}
