package dev.shotclock.history;

import dev.shotclock.config.RetentionSettings;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.DailyAggregates.Pruned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes run history, per workflow, in two separate sets. Runs that ended ({@link RunState#ENDED})
 * go when older than {@code max_age} or beyond {@code max_runs_per_workflow}, with their step rows
 * and log files, but never the newest {@code keep_last} of them. Slots recorded as not run
 * ({@link RunState#NOT_RUN}) have their own limits, {@code skipped_max_age} and {@code
 * skipped_max_per_workflow}, and do not count against the runs': a workflow paused for weeks keeps
 * its real runs and their logs. Whatever is deleted is first counted into the daily aggregates, in
 * the same transaction.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final int BATCH = 500;

  private final Jdbc jdbc;
  private final Clock clock;
  private final RetentionSettings settings;

  public Retention(Jdbc jdbc, Clock clock, RetentionSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  /** One pruning pass; returns how many rows (runs and not-run slots) were deleted. */
  public int runOnce() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(settings.maxAge());
    Instant skippedCutoff = now.minus(settings.skippedMaxAge());
    int runs = 0;
    int skipped = 0;
    for (String workflowId : workflows()) {
      runs += pruneRuns(workflowId, cutoff);
      skipped += pruneNotRun(workflowId, skippedCutoff);
    }
    jdbc.update("DELETE FROM sc_events WHERE at < ?", a -> a.instant(cutoff));
    if (runs + skipped > 0) {
      LOG.info("retention pruned {} run(s) (max_age {}, max_runs_per_workflow {}, keep_last {}) and {}"
              + " slot(s) not run (skipped_max_age {}, skipped_max_per_workflow {})", runs, settings.maxAge(),
          settings.maxRunsPerWorkflow(), settings.keepLast(), skipped, settings.skippedMaxAge(),
          settings.skippedMaxPerWorkflow());
    }
    return runs + skipped;
  }

  private List<String> workflows() {
    return jdbc.query("SELECT DISTINCT workflow_id FROM sc_runs", Jdbc.Binder.NONE,
        r -> r.string("workflow_id"));
  }

  /** Ended runs: old or surplus ones, but never the newest {@code keep_last}. */
  private int pruneRuns(String workflowId, Instant cutoff) {
    long keepFloor = nthNewestId(workflowId, RunState.ENDED, settings.keepLast());
    long countFloor = nthNewestId(workflowId, RunState.ENDED, settings.maxRunsPerWorkflow());
    return prune(workflowId, RunState.ENDED, "id < ? AND (created_at < ? OR id < ?)",
        a -> a.longValue(keepFloor).instant(cutoff).longValue(countFloor));
  }

  /** Slots recorded as not run: old or surplus ones, counted among themselves only. */
  private int pruneNotRun(String workflowId, Instant cutoff) {
    long countFloor = nthNewestId(workflowId, RunState.NOT_RUN, settings.skippedMaxPerWorkflow());
    return prune(workflowId, RunState.NOT_RUN, "(created_at < ? OR id < ?)",
        a -> a.instant(cutoff).longValue(countFloor));
  }

  private int prune(String workflowId, Set<RunState> states, String condition, Jdbc.Binder binder) {
    String sql = "SELECT id, workflow_id, state, scheduled_at, started_at, finished_at, log_path"
        + " FROM sc_runs WHERE workflow_id = ? AND state IN (" + RunState.sqlList(states) + ") AND "
        + condition + " ORDER BY id LIMIT " + BATCH;
    int total = 0;
    while (true) {
      List<Pruned> batch = jdbc.query(sql, a -> {
        a.string(workflowId);
        binder.bind(a);
      }, r -> new Pruned(r.longValue("id"), r.string("workflow_id"), r.enumValue("state", RunState.class),
          r.instant("scheduled_at"), r.instant("started_at"), r.instant("finished_at"), r.string("log_path")));
      if (batch.isEmpty()) {
        return total;
      }
      List<Pruned> deleted = deleteAndCount(batch);
      deleted.stream().map(Pruned::logPath).filter(Objects::nonNull).distinct().forEach(Retention::deleteLog);
      total += deleted.size();
      if (deleted.isEmpty()) {
        return total; // another node pruned (or revived) the whole batch meanwhile: next pass
      }
    }
  }

  /**
   * Deletes the batch's rows that are still in the state they were read in (a slot revived for a
   * catch-up meanwhile is a run now; a row another node pruned is gone) and counts exactly those
   * into the aggregates, in one transaction.
   */
  private List<Pruned> deleteAndCount(List<Pruned> batch) {
    return jdbc.inTransaction(tx -> {
      int[] counts = tx.batch("DELETE FROM sc_runs WHERE id = ? AND state = ?",
          batch.stream().<Jdbc.Binder>map(p -> a -> a.longValue(p.id()).name(p.state())).toList());
      List<Pruned> deleted = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (counts[i] != 0) {
          deleted.add(batch.get(i));
        }
      }
      new DailyAggregates(tx).add(deleted);
      return deleted;
    });
  }

  /**
   * Id of the n-th newest row in {@code states}; rows with this id or higher are within the newest
   * n. 0 when the workflow has fewer (nothing is surplus).
   */
  private long nthNewestId(String workflowId, Set<RunState> states, int n) {
    return jdbc.queryOne("SELECT id FROM sc_runs WHERE workflow_id = ? AND state IN ("
            + RunState.sqlList(states) + ") ORDER BY id DESC LIMIT 1 OFFSET ?",
        a -> a.string(workflowId).intValue(n - 1), r -> r.longValue("id")).orElse(0L);
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
}
