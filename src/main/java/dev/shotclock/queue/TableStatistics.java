package dev.shotclock.queue;

import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of {@code sc_tasks} current while a large backlog is
 * enqueued. why: autovacuum analyzes a table at most once a minute per database, so during a
 * bulk enqueue into a young queue the planner still believes the table tiny and its live tasks
 * few; it then answers each enqueue's "which of these keys already have a live task" from the
 * state index, reading every live task (1.5 s per batch of 500 keys at 97,000 tasks), instead of
 * from the live-key index (under 1 ms). Analyzing each time the tasks enqueued through this queue
 * double the count known at the last analysis keeps that to a handful of ANALYZE runs (about
 * 0.1 s each at 100,000 rows) however large the backlog grows. H2 analyzes on its own every 2,000
 * changed rows ({@code ANALYZE_AUTO}), so nothing is done there. One instance per store, shared by
 * every {@link TaskQueue} on it (the dispatcher's, and the ones the reconciliation makes inside its
 * transactions). Inside a transaction the ANALYZE sees that transaction's new rows, which is what
 * its next key lookups need; it holds a lock until the commit that only another ANALYZE or VACUUM
 * of sc_tasks waits for.
 */
public final class TableStatistics {

  private static final Logger LOG = LoggerFactory.getLogger(TableStatistics.class);

  /** Fewer rows than this never make a plan go wrong enough to matter. */
  static final long FIRST_ANALYZE_AT = 1_000;

  private final AtomicLong sinceAnalyze = new AtomicLong();
  private final AtomicLong analyzedAt = new AtomicLong(FIRST_ANALYZE_AT);

  /**
   * Counts {@code created} new tasks; analyzes the table when those since the last analysis reach
   * the larger of {@link #FIRST_ANALYZE_AT} and the live count then ({@code liveNow}). Returns
   * whether it analyzed.
   */
  boolean created(Jdbc jdbc, int created, long liveNow) {
    if (jdbc.dialect() != Dialect.POSTGRES || created <= 0) {
      return false;
    }
    long pending = sinceAnalyze.addAndGet(created);
    long threshold = analyzedAt.get();
    if (pending < threshold || !sinceAnalyze.compareAndSet(pending, 0)) {
      return false;
    }
    analyzedAt.set(Math.max(FIRST_ANALYZE_AT, liveNow));
    long t0 = System.nanoTime();
    jdbc.execute("ANALYZE sc_tasks");
    LOG.debug("analyzed sc_tasks after {} new task(s), {} live, in {} ms", pending, liveNow,
        (System.nanoTime() - t0) / 1_000_000);
    return true;
  }
}
