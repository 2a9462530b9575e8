package dev.shotclock.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.daemon.Daemon;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.workflow.Admission;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * N one-shot triggers due at the same instant, no-op work; fires per second from the moment the
 * scheduler is let go until the last one ran. Everything is stored before the clock starts: the
 * scheduler is in standby (or not yet started) while the triggers are written, for a day ahead;
 * then one UPDATE makes all of them due now, and the scheduler is let go. So the time the writing
 * took does not count against the misfire threshold (60 s), after which Quartz leaves a trigger
 * to its misfire handler; a system that needs more than 60 s to fire them all still meets it.
 *
 * <p>Scenario {@code fire}: N workflows (Quartz: N jobs) with one trigger each, the common case
 * of many schedules due at the same moment. Scenario {@code fire-one-wf}: N triggers of one
 * workflow (one job), as a backfill or a burst of manual triggers makes them.
 */
final class FireThroughput {

  private FireThroughput() {}

  static Metrics run(String system, BenchStore store, Path dir, int n, boolean oneWorkflow)
      throws Exception {
    Recorder.current = new Recorder(n);
    int jobs = oneWorkflow ? 1 : n;
    return switch (system) {
      case "shotclock" -> shotclock(store, dir, n, jobs);
      case "quartz" -> quartz(store, n, jobs);
      case "dbscheduler" -> dbScheduler(store, n);
      default -> throw new IllegalArgumentException("no system " + system);
    };
  }

  /**
   * ShotClock's one-shot trigger is a launch: a run admitted (row in sc_runs) and a Quartz trigger
   * named after it, as the admin API's "trigger" does; the fire runs the whole job adapter and run
   * history path.
   */
  private static Metrics shotclock(BenchStore store, Path dir, int n, int jobs) throws Exception {
    List<WorkflowDef> wfs = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      wfs.add(ShotClockNode.noopWorkflow("fire-" + i, List.of()));
    }
    try (ShotClockNode node = ShotClockNode.start(store, dir, wfs)) {
      Daemon d = node.daemon();
      d.engine().executor().addListener(end -> Recorder.current.ended(null));
      d.quartz().standby();
      long setup = System.nanoTime();
      Instant due = Instant.now().plus(Duration.ofDays(1));
      for (int i = 0; i < n; i++) {
        WorkflowDef wf = wfs.get(i % jobs);
        Admission.Decision decision = d.engine().admission().admitRequest(wf, TriggerKind.MANUAL,
            Map.of(), null, "bench", null);
        d.quartz().launcher().launchAt(wf.id(), decision.runId(), due);
      }
      // a connection of its own, closed at once, as for Quartz: PostgreSQL publishes the table
      // counters of an idle pooled backend up to 10 s late, which would blur the per-fire writes
      try (HikariDataSource ds = store.pool("due", 1)) {
        makeDueNow(ds, "ShotClock", "runs");
      }
      Map<String, long[]> before = store.isPostgres() ? PgTableStats.snapshot(store) : null;
      if (!store.isPostgres()) {
        H2QueryStats.start(store);
      }
      long t0 = System.nanoTime();
      d.quartz().resumeFiring();
      return withStoreStats(finish(n, setup, t0), store, before, n);
    }
  }

  private static Metrics quartz(BenchStore store, int n, int jobCount) throws Exception {
    try (HikariDataSource ds = store.pool("ddl", 1)) {
      PlainQuartz.createTables(ds, store);
    }
    org.quartz.Scheduler s = PlainQuartz.create(store, PlainQuartz.THREADS);
    try {
      long setup = System.nanoTime();
      List<JobDetail> jobs = new ArrayList<>();
      for (int i = 0; i < jobCount; i++) {
        JobDetail job = JobBuilder.newJob(Jobs.Noop.class).withIdentity("fire-" + i).storeDurably()
            .build();
        s.addJob(job, false);
        jobs.add(job);
      }
      Date due = Date.from(Instant.now().plus(Duration.ofDays(1)));
      for (int i = 0; i < n; i++) {
        Trigger t = TriggerBuilder.newTrigger().withIdentity("t" + i).forJob(jobs.get(i % jobCount))
            .startAt(due)
            .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                .withMisfireHandlingInstructionFireNow()).build();
        s.scheduleJob(t);
      }
      try (HikariDataSource ds = store.pool("due", 1)) {
        makeDueNow(ds, "PlainQuartz", "DEFAULT");
      }
      Map<String, long[]> before = store.isPostgres() ? PgTableStats.snapshot(store) : null;
      if (!store.isPostgres()) {
        H2QueryStats.start(store);
      }
      long t0 = System.nanoTime();
      s.start();
      return withStoreStats(finish(n, setup, t0), store, before, n);
    } finally {
      s.shutdown(true);
    }
  }

  private static Metrics dbScheduler(BenchStore store, int n) throws Exception {
    if (!store.isPostgres()) {
      throw new IllegalArgumentException("db-scheduler is measured on PostgreSQL only");
    }
    try (HikariDataSource ds = store.pool("dbscheduler", DbScheduler.THREADS + 3)) {
      DbScheduler.createTable(ds);
      OneTimeTask<Void> task = DbScheduler.noopTask();
      long setup = System.nanoTime();
      DbScheduler.schedule(ds, task, n, Instant.now());
      Scheduler s = DbScheduler.scheduler(ds, task);
      long t0 = System.nanoTime();
      s.start();
      try {
        return finish(n, setup, t0);
      } finally {
        s.stop();
      }
    }
  }

  private static Metrics withStoreStats(Metrics m, BenchStore store, Map<String, long[]> before,
      int n) throws Exception {
    if (!store.isPostgres()) {
      H2QueryStats.perFire(store, n, m);
    }
    if (before != null) {
      PgTableStats.perFire(before, PgTableStats.snapshot(store), n, m);
    }
    return m;
  }

  /** Moves every one-shot trigger of a group to now, both systems alike, just before the release. */
  static void makeDueNow(DataSource ds, String scheduler, String group) throws SQLException {
    long now = System.currentTimeMillis();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ?,"
            + " START_TIME = ? WHERE SCHED_NAME = ? AND TRIGGER_GROUP = ?")) {
      ps.setLong(1, now);
      ps.setLong(2, now);
      ps.setString(3, scheduler);
      ps.setString(4, group);
      ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  private static Metrics finish(int n, long setupNanos, long t0) throws InterruptedException {
    System.out.println("RELEASE " + System.currentTimeMillis()); // for JfrHot's time filter
    long cpu0 = processCpuNanos();
    boolean all = Recorder.current.await(120 + n / 20);
    long cpu = processCpuNanos() - cpu0;
    Recorder r = Recorder.current;
    double seconds = (r.lastNanos() - t0) / 1e9;
    if (!all) {
      throw new IllegalStateException("only " + r.count() + " of " + n + " fires within the limit");
    }
    return new Metrics()
        .put("fires_per_s", n / seconds)
        .put("total_ms", seconds * 1000)
        .put("first_fire_ms", (r.firstNanos() - t0) / 1e6)
        .put("setup_ms", (t0 - setupNanos) / 1e6)
        .put("cpu_ms_per_fire", cpu / 1e6 / n);
  }

  /**
   * CPU time of the whole measuring JVM (all threads: the scheduler's, the pools', GC, JIT; and
   * on H2 the database, which runs inside it). Per fire, it tells CPU cost from waiting.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
