package dev.shotclock.adce;

import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Row;
import dev.shotclock.queue.Priority;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code sc_reconciliations}: one row per reconcile or enqueue step try that reached the queue. */
public final class ReconciliationRepository {

  /** Older rows of a step go when it records a new one; the newest always stays. */
  static final Duration KEEP = Duration.ofDays(30);

  private static final String COLUMNS = "workflow_id, step_id, kind, run_id, finished_at,"
      + " items_expected, items_collected, gaps_found, gaps_critical, gaps_high, gaps_normal,"
      + " gaps_low, gaps_background, tasks_created, tasks_deduplicated, inventory_age_ms,"
      + " stalest_source";

  private final Jdbc jdbc;

  public ReconciliationRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a try and prunes the step's rows older than {@link #KEEP}. */
  void insert(ReconciliationRecord r, Long inventoryAgeMs) {
    jdbc.update("INSERT INTO sc_reconciliations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a -> a.string(r.workflowId()).string(r.stepId()).string(r.kind()).longValue(r.runId())
            .instant(r.finishedAt()).longValue(r.itemsExpected()).longValue(r.itemsCollected())
            .longValue(r.gapsFound())
            .longValue(count(r, Priority.CRITICAL)).longValue(count(r, Priority.HIGH))
            .longValue(count(r, Priority.NORMAL)).longValue(count(r, Priority.LOW))
            .longValue(count(r, Priority.BACKGROUND))
            .longValue(r.tasksCreated()).longValue(r.tasksDeduplicated())
            .longValue(inventoryAgeMs).string(r.stalestSource()));
    jdbc.update("DELETE FROM sc_reconciliations WHERE workflow_id = ? AND step_id = ?"
            + " AND finished_at < ?",
        a -> a.string(r.workflowId()).string(r.stepId()).instant(r.finishedAt().minus(KEEP)));
  }

  /** The newest record of every workflow step that has one, by workflow and step. */
  public List<ReconciliationRecord> latest() {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_reconciliations r JOIN (SELECT MAX(id) AS"
        + " latest_id FROM sc_reconciliations GROUP BY workflow_id, step_id) l ON r.id = l.latest_id"
        + " ORDER BY workflow_id, step_id", Jdbc.Binder.NONE, ReconciliationRepository::map);
  }

  /** A step's records, newest first. */
  public List<ReconciliationRecord> history(String workflowId, String stepId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sc_reconciliations WHERE workflow_id = ?"
            + " AND step_id = ? ORDER BY id DESC LIMIT ?",
        a -> a.string(workflowId).string(stepId).intValue(limit), ReconciliationRepository::map);
  }

  private static long count(ReconciliationRecord r, Priority p) {
    return r.byPriority().getOrDefault(p.name().toLowerCase(Locale.ROOT), 0L);
  }

  private static ReconciliationRecord map(Row row) throws SQLException {
    Map<String, Long> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      byPriority.put(name, row.longValue("gaps_" + name));
    }
    Long ageMs = row.nullableLong("inventory_age_ms");
    Instant finished = row.instant("finished_at");
    return new ReconciliationRecord(row.string("workflow_id"), row.string("step_id"),
        row.string("kind"), row.longValue("run_id"), finished, row.nullableLong("items_expected"),
        row.nullableLong("items_collected"), row.longValue("gaps_found"), byPriority,
        row.longValue("tasks_created"), row.longValue("tasks_deduplicated"),
        ageMs == null ? null : ageMs / 1000, row.string("stalest_source"));
  }
}
