package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import dev.shotclock.history.Event.Severity;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: recoveries, repairs, pauses, operator actions. Every event is also logged, so an
 * event is never lost when the store is what failed.
 */
public final class EventLog {

  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

  private final Jdbc jdbc;
  private final Clock clock;
  private final String nodeId;
  private final RepeatedFailureLog storeFailures = new RepeatedFailureLog(LOG);

  public EventLog(Jdbc jdbc, Clock clock, String nodeId) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.nodeId = nodeId;
  }

  public void info(String kind, String workflowId, Long runId, String message) {
    record(kind, Severity.INFO, workflowId, runId, message);
  }

  public void warn(String kind, String workflowId, Long runId, String message) {
    record(kind, Severity.WARN, workflowId, runId, message);
  }

  public void error(String kind, String workflowId, Long runId, String message) {
    record(kind, Severity.ERROR, workflowId, runId, message);
  }

  public void record(String kind, Severity severity, String workflowId, Long runId, String message) {
    String line = "event={} workflow={} run={} {}";
    switch (severity) {
      case ERROR -> LOG.error(line, kind, workflowId, runId, message);
      case WARN -> LOG.warn(line, kind, workflowId, runId, message);
      default -> LOG.info(line, kind, workflowId, runId, message);
    }
    try {
      jdbc.update("INSERT INTO sc_events (at, kind, severity, node_id, workflow_id, run_id, message)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          a -> a.instant(clock.instant()).string(kind).name(severity).string(nodeId)
              .string(workflowId).longValue(runId).string(RunRepository.truncate(message, 4000)));
      storeFailures.succeeded("storing events");
    } catch (RuntimeException e) {
      storeFailures.failed("storing events", e);
    }
  }

  /** Newest first; filters may be null. */
  public List<Event> recent(String workflowId, Long runId, int limit) {
    return recent(null, workflowId, runId, limit);
  }

  /** Newest first, of one kind (e.g. AUDIT); filters may be null. */
  public List<Event> recent(String kind, String workflowId, Long runId, int limit) {
    return recent(kind, workflowId, runId, null, limit);
  }

  /** Newest first, ids below {@code beforeId} (keyset paging; null = from the newest). */
  public List<Event> recent(String kind, String workflowId, Long runId, Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT id, at, kind, severity, node_id, workflow_id,"
        + " run_id, message FROM sc_events WHERE 1 = 1");
    if (kind != null) {
      sql.append(" AND kind = ?");
    }
    if (workflowId != null) {
      sql.append(" AND workflow_id = ?");
    }
    if (runId != null) {
      sql.append(" AND run_id = ?");
    }
    if (beforeId != null) {
      sql.append(" AND id < ?");
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    return jdbc.query(sql.toString(), a -> {
      if (kind != null) {
        a.string(kind);
      }
      if (workflowId != null) {
        a.string(workflowId);
      }
      if (runId != null) {
        a.longValue(runId);
      }
      if (beforeId != null) {
        a.longValue(beforeId);
      }
      a.intValue(limit);
    }, r -> new Event(r.longValue("id"), r.instant("at"), r.string("kind"),
        r.enumValue("severity", Severity.class), r.string("node_id"), r.string("workflow_id"),
        r.nullableLong("run_id"), r.string("message")));
  }
}
