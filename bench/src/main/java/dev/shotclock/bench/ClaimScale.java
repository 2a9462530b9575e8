package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claim latency against the size of the backlog: P pending tasks loaded in one INSERT ... SELECT
 * (the statement of LargeQueueClaim*Test), then {@link #CLAIMS} claims of 10 from one thread;
 * after each, what it took is completed and as many new tasks are enqueued, so every claim sees
 * P pending tasks (and every size sees the same history of finished ones).
 */
final class ClaimScale {

  static final int CLAIMS = 300;
  static final int BATCH = 10;

  private ClaimScale() {}

  static Metrics run(BenchStore store, int pending) throws Exception {
    try (HikariDataSource ds = store.pool("queue", 4)) {
      TaskQueue q = QueueDrain.queue(ds, store, pending + 100);
      Jdbc jdbc = new Jdbc(ds, dev.shotclock.db.Dialect.forUrl(store.url()));
      long l0 = System.nanoTime();
      load(jdbc, store, pending);
      double loadSeconds = (System.nanoTime() - l0) / 1e9;
      int[] serial = {0};
      for (int i = 0; i < 20; i++) {
        claimAndReplace(q, serial); // warm-up: JIT, statement caches
      }
      List<Double> ms = new ArrayList<>();
      List<Double> enqueueMs = new ArrayList<>();
      int empty = 0;
      for (int i = 0; i < CLAIMS; i++) {
        long t0 = System.nanoTime();
        List<Task> tasks = q.claim(BATCH, "bench-node", null);
        ms.add((System.nanoTime() - t0) / 1e6);
        empty += tasks.size() < BATCH ? 1 : 0;
        enqueueMs.add(replace(q, tasks, serial));
      }
      return new Metrics().put("pending", pending).put("load_s", loadSeconds)
          .put("short_claims", empty).percentiles("claim_ms", ms)
          .percentiles("enqueue10_ms", enqueueMs);
    }
  }

  private static void claimAndReplace(TaskQueue q, int[] serial) {
    replace(q, q.claim(BATCH, "bench-node", null), serial);
  }

  /**
   * Completes the claimed tasks and enqueues as many new ones, so the backlog stays the same;
   * returns how long the enqueue took, in ms (it checks the queue's caps against the live count).
   */
  private static double replace(TaskQueue q, List<Task> claimed, int[] serial) {
    List<NewTask> fresh = new ArrayList<>();
    for (Task t : claimed) {
      q.complete(t.id(), null);
      fresh.add(NewTask.of("bench", "new-" + serial[0]++));
    }
    long t0 = System.nanoTime();
    q.enqueueAll(fresh);
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void load(Jdbc jdbc, BenchStore store, int count) {
    Instant now = Instant.now();
    if (store.isPostgres()) {
      jdbc.update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
          + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
          + " SELECT 'P-' || g, 'bench', '{}', 1 + g % 5, 'PENDING', 3,"
          + " t, t + (g % 5) * INTERVAL '6 hours', t, 'API', 'c' || g"
          + " FROM (SELECT g, ? - g * INTERVAL '1 second' AS t"
          + " FROM generate_series(1, ?) AS g) AS s",
          a -> a.instant(now).intValue(count));
      jdbc.execute("ANALYZE sc_tasks");
    } else {
      jdbc.update("INSERT INTO sc_tasks (dedupe_key, source, params, priority, state,"
          + " max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
          + " SELECT 'P-' || X, 'bench', '{}', 1 + MOD(X, 5), 'PENDING'"
          + ", 3, T, DATEADD(HOUR, 6 * MOD(X, 5), T), T, 'API', 'c' || X"
          + " FROM (SELECT X, DATEADD(SECOND, -X, CAST(? AS TIMESTAMP WITH TIME ZONE)) AS T"
          + " FROM SYSTEM_RANGE(1, ?))",
          a -> a.instant(now).intValue(count));
      jdbc.execute("ANALYZE");
    }
  }
}
