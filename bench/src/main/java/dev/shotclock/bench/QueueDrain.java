package dev.shotclock.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Migrator;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.QueueSettings;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Enqueue N no-op tasks, then drain them. ShotClock's TaskQueue is driven the way db-scheduler
 * drives its table, so the two differ only in their SQL: one claimer keeps up to 3 × 10 tasks in
 * flight, claiming again when fewer than 0.5 × 10 are left (db-scheduler's lock-and-fetch limits),
 * and 10 worker threads complete them, one transaction each.
 */
final class QueueDrain {

  static final int WORKERS = 10;
  static final int UPPER = 3 * WORKERS;
  static final int LOWER = WORKERS / 2;
  static final int ENQUEUE_BATCH = 1000;

  private QueueDrain() {}

  static Metrics run(String system, BenchStore store, int n) throws Exception {
    return switch (system) {
      case "shotclock" -> shotclock(store, n);
      case "dbscheduler" -> dbScheduler(store, n);
      default -> throw new IllegalArgumentException("no system " + system);
    };
  }

  static TaskQueue queue(HikariDataSource ds, BenchStore store, int capacity) {
    Jdbc jdbc = new Jdbc(ds, Dialect.forUrl(store.url()));
    new Migrator(jdbc, Clock.systemUTC()).migrate();
    return new TaskQueue(jdbc, Clock.systemUTC(),
        QueueSettings.defaults().withMaxQueue(capacity).withoutPriorityCaps());
  }

  private static Metrics shotclock(BenchStore store, int n) throws Exception {
    try (HikariDataSource ds = store.pool("queue", WORKERS + 3)) {
      TaskQueue q = queue(ds, store, n + 1);
      long e0 = System.nanoTime();
      List<NewTask> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(NewTask.of("bench", "k" + i));
        if (batch.size() == ENQUEUE_BATCH || i == n - 1) {
          q.enqueueAll(batch);
          batch = new ArrayList<>();
        }
      }
      double enqueueSeconds = (System.nanoTime() - e0) / 1e9;
      long wal0 = walBytes(ds, store);
      Drained d = drain(q, "bench-node", n, false);
      double seconds = (d.lastNanos() - d.startNanos()) / 1e9;
      List<Double> claimMs = d.claimMs();
      return withWal(new Metrics()
          .put("tasks_per_s", n / seconds)
          .put("enqueue_per_s", n / enqueueSeconds)
          .put("claims", claimMs.size())
          .percentiles("claim_ms", claimMs), ds, store, wal0, n);
    }
  }

  /** What one claimer's drain did: the claims' latencies, tasks completed, start and last end. */
  record Drained(List<Double> claimMs, int completed, long startNanos, long lastNanos) {}

  /**
   * The claim loop: one claimer keeps up to {@link #UPPER} tasks in flight (claims again below
   * {@link #LOWER}), {@link #WORKERS} threads complete them. Stops after {@code limit} tasks, or,
   * with {@code untilEmpty} (several claimers on one queue), at the first claim that finds none.
   */
  static Drained drain(TaskQueue q, String node, int limit, boolean untilEmpty)
      throws InterruptedException {
    List<Double> claimMs = Collections.synchronizedList(new ArrayList<>());
    Recorder.current = new Recorder(limit);
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    Semaphore inFlight = new Semaphore(UPPER);
    long t0 = System.nanoTime();
    int claimed = 0;
    while (claimed < limit) {
      // claim again only when in-flight work fell below the lower limit
      while (UPPER - inFlight.availablePermits() >= LOWER) {
        Thread.sleep(0, 200_000);
      }
      int room = Math.min(inFlight.availablePermits(), limit - claimed);
      long c0 = System.nanoTime();
      List<Task> tasks = q.claim(room, node, null);
      claimMs.add((System.nanoTime() - c0) / 1e6);
      inFlight.acquire(tasks.size());
      claimed += tasks.size();
      for (Task t : tasks) {
        workers.execute(() -> {
          q.complete(t.id(), null);
          Recorder.current.ended(null);
          inFlight.release();
        });
      }
      if (tasks.isEmpty()) {
        if (untilEmpty) {
          break;
        }
        throw new IllegalStateException("claim found nothing with " + (limit - claimed) + " left");
      }
    }
    workers.shutdown();
    if (!workers.awaitTermination(600, TimeUnit.SECONDS)) {
      throw new IllegalStateException("completions did not end within 600 s");
    }
    return new Drained(claimMs, Recorder.current.count(), t0,
        Recorder.current.count() == 0 ? t0 : Recorder.current.lastNanos());
  }

  private static Metrics dbScheduler(BenchStore store, int n) throws Exception {
    try (HikariDataSource raw = store.pool("dbscheduler", DbScheduler.THREADS + 3)) {
      DbScheduler.createTable(raw);
      TimedDataSource ds = new TimedDataSource(raw, "skip locked");
      OneTimeTask<Void> task = DbScheduler.noopTask();
      long e0 = System.nanoTime();
      DbScheduler.schedule(ds, task, n, Instant.now());
      double enqueueSeconds = (System.nanoTime() - e0) / 1e9;
      Recorder.current = new Recorder(n);
      Scheduler s = DbScheduler.scheduler(ds, task);
      long wal0 = walBytes(raw, store);
      long t0 = System.nanoTime();
      s.start();
      try {
        if (!Recorder.current.await(600)) {
          throw new IllegalStateException("db-scheduler ran " + Recorder.current.count() + " of " + n);
        }
      } finally {
        s.stop();
      }
      double seconds = (Recorder.current.lastNanos() - t0) / 1e9;
      List<Double> claimMs = ds.timings();
      return withWal(new Metrics()
          .put("tasks_per_s", n / seconds)
          .put("enqueue_per_s", n / enqueueSeconds)
          .put("claims", claimMs.size())
          .percentiles("claim_ms", claimMs), raw, store, wal0, n);
    }
  }

  /**
   * PostgreSQL's write-ahead log position (server-wide: other work on the server counts too).
   * The WAL bytes a drain writes per task are what claiming and completing a task costs the
   * database in writes: row versions plus every index entry they need.
   */
  private static long walBytes(javax.sql.DataSource ds, BenchStore store) throws java.sql.SQLException {
    if (!store.isPostgres()) {
      return 0;
    }
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Metrics withWal(Metrics m, javax.sql.DataSource ds, BenchStore store, long wal0,
      int n) throws java.sql.SQLException {
    if (store.isPostgres()) {
      m.put("wal_bytes_per_task", (double) (walBytes(ds, store) - wal0) / n);
    }
    return m;
  }
}
