package dev.shotclock.history;

import dev.shotclock.config.RetentionSettings;
import dev.shotclock.db.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes run history: ended runs older than {@code max_age} or beyond {@code max_runs_per_workflow}
 * go (with their step rows and log files), never the newest {@code keep_last} of a workflow. Before
 * a run is deleted it is counted into the daily aggregates, which are kept.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final int BATCH = 500;

  private record Pruned(long id, String workflowId, RunState state, Instant scheduledAt,
      Instant startedAt, Instant finishedAt, String logPath) {}

  private final Jdbc jdbc;
  private final Clock clock;
  private final RetentionSettings settings;

  public Retention(Jdbc jdbc, Clock clock, RetentionSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  /** One pruning pass; returns how many runs were deleted. */
  public int runOnce() {
    Instant cutoff = clock.instant().minus(settings.maxAge());
    int deleted = 0;
    for (String workflowId : workflows()) {
      deleted += prune(workflowId, cutoff);
    }
    jdbc.update("DELETE FROM sc_events WHERE at < ?", a -> a.instant(cutoff));
    if (deleted > 0) {
      LOG.info("retention pruned {} run(s) (max_age {}, max_runs_per_workflow {}, keep_last {})",
          deleted, settings.maxAge(), settings.maxRunsPerWorkflow(), settings.keepLast());
    }
    return deleted;
  }

  private List<String> workflows() {
    return jdbc.query("SELECT DISTINCT workflow_id FROM sc_runs", Jdbc.Binder.NONE,
        r -> r.string("workflow_id"));
  }

  private int prune(String workflowId, Instant cutoff) {
    long keepFloor = nthNewestEndedId(workflowId, settings.keepLast());
    long countFloor = nthNewestEndedId(workflowId, settings.maxRunsPerWorkflow());
    int total = 0;
    while (true) {
      List<Pruned> batch = jdbc.query("SELECT id, workflow_id, state, scheduled_at, started_at,"
              + " finished_at, log_path FROM sc_runs WHERE workflow_id = ? AND state NOT IN ("
              + RunState.sqlList(RunState.ACTIVE) + ") AND id < ? AND (created_at < ? OR id < ?)"
              + " ORDER BY id LIMIT " + BATCH,
          a -> a.string(workflowId).longValue(keepFloor).instant(cutoff).longValue(countFloor),
          r -> new Pruned(r.longValue("id"), r.string("workflow_id"), r.enumValue("state", RunState.class),
              r.instant("scheduled_at"), r.instant("started_at"), r.instant("finished_at"),
              r.string("log_path")));
      if (batch.isEmpty()) {
        return total;
      }
      jdbc.inTransaction(tx -> {
        batch.forEach(p -> aggregate(tx, p));
        tx.batch("DELETE FROM sc_runs WHERE id = ?",
            batch.stream().<Jdbc.Binder>map(p -> a -> a.longValue(p.id())).toList());
        return null;
      });
      batch.stream().map(Pruned::logPath).filter(p -> p != null).distinct().forEach(Retention::deleteLog);
      total += batch.size();
    }
  }

  /**
   * Id of the n-th newest ended run; runs with this id or higher are within the newest n. 0 when
   * the workflow has fewer (nothing is old enough by count).
   */
  private long nthNewestEndedId(String workflowId, int n) {
    return jdbc.queryOne("SELECT id FROM sc_runs WHERE workflow_id = ? AND state NOT IN ("
            + RunState.sqlList(RunState.ACTIVE) + ") ORDER BY id DESC LIMIT 1 OFFSET ?",
        a -> a.string(workflowId).intValue(n - 1), r -> r.longValue("id")).orElse(0L);
  }

  private static void aggregate(Jdbc tx, Pruned p) {
    LocalDate day = LocalDate.ofInstant(p.scheduledAt(), ZoneOffset.UTC);
    long ms = p.startedAt() != null && p.finishedAt() != null
        ? Duration.between(p.startedAt(), p.finishedAt()).toMillis() : 0;
    int updated = tx.update("UPDATE sc_run_daily SET runs = runs + 1, total_ms = total_ms + ?"
            + " WHERE workflow_id = ? AND run_day = ? AND state = ?",
        a -> a.longValue(ms).string(p.workflowId()).date(day).name(p.state()));
    if (updated == 0) {
      tx.update("INSERT INTO sc_run_daily (workflow_id, run_day, state, runs, total_ms) VALUES (?, ?, ?, 1, ?)",
          a -> a.string(p.workflowId()).date(day).name(p.state()).longValue(ms));
    }
  }

  private static void deleteLog(String logPath) {
    try {
      Path log = Path.of(logPath);
      Files.deleteIfExists(log);
      String base = log.getFileName().toString().replaceFirst("\\.log$", "");
      try (var siblings = Files.list(log.getParent())) {
        for (Path p : (Iterable<Path>) siblings::iterator) {
          if (p.getFileName().toString().startsWith(base + ".")) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not delete run log {}: {}", logPath, e.getMessage());
    }
  }

  /** Daily aggregates of a workflow (all workflows if null), oldest first. */
  public List<DailyCount> daily(String workflowId) {
    String sql = "SELECT workflow_id, run_day, state, runs, total_ms FROM sc_run_daily"
        + (workflowId != null ? " WHERE workflow_id = ?" : "") + " ORDER BY run_day, workflow_id, state";
    return jdbc.query(sql, a -> {
      if (workflowId != null) {
        a.string(workflowId);
      }
    }, r -> new DailyCount(r.string("workflow_id"), r.date("run_day"), r.enumValue("state", RunState.class),
        r.longValue("runs"), r.longValue("total_ms")));
  }

  /** Pruned runs of one workflow, day and end state. */
  public record DailyCount(String workflowId, LocalDate day, RunState state, long runs, long totalMillis) {}
}
