package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.WorkflowDef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * K cron triggers firing every second: how late each fire starts against its slot. ShotClock: K
 * workflows without steps, lateness = run started_at - scheduled_at as its run history records
 * it. Quartz: K jobs with one cron trigger each, lateness = job start - scheduled fire time.
 *
 * <p>Counted are the slots scheduled within the window [start + {@link #WARM_UP}, + S seconds);
 * after the window the measurement waits up to as long again (60 s at most) for their late fires, so a system
 * that cannot keep up shows it as lateness (and as fires missing), not as fewer samples.
 */
final class Lateness {

  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final String EVERY_SECOND = "* * * * * ?";

  /** {scheduled epoch ms, started epoch ms} of every fire. */
  static final ConcurrentLinkedQueue<long[]> FIRES = new ConcurrentLinkedQueue<>();

  private Lateness() {}

  /** The Quartz job: records its slot and its start. */
  public static final class Job implements org.quartz.Job {
    @Override
    public void execute(org.quartz.JobExecutionContext context) {
      FIRES.add(new long[] {context.getScheduledFireTime().getTime(), System.currentTimeMillis()});
    }
  }

  static Metrics run(String system, BenchStore store, Path dir, int triggers, int seconds)
      throws Exception {
    long[] window = new long[2];
    if (system.equals("shotclock")) {
      List<WorkflowDef> wfs = new ArrayList<>();
      for (int i = 0; i < triggers; i++) {
        wfs.add(ShotClockNode.noopWorkflow("cron-" + i, List.of(EVERY_SECOND)));
      }
      try (ShotClockNode node = ShotClockNode.start(store, dir, wfs)) {
        node.daemon().engine().executor().addListener(end -> FIRES.add(new long[] {
            end.run().scheduledAt().toEpochMilli(), end.run().startedAt().toEpochMilli()}));
        observe(window, triggers, seconds);
      }
    } else {
      try (HikariDataSource ds = store.pool("ddl", 1)) {
        PlainQuartz.createTables(ds, store);
      }
      Scheduler s = PlainQuartz.create(store, PlainQuartz.THREADS);
      try {
        for (int i = 0; i < triggers; i++) {
          JobDetail job = JobBuilder.newJob(Job.class).withIdentity("cron-" + i).build();
          Trigger t = TriggerBuilder.newTrigger().withIdentity("cron-" + i)
              .withSchedule(CronScheduleBuilder.cronSchedule(EVERY_SECOND)).build();
          s.scheduleJob(job, t);
        }
        s.start();
        observe(window, triggers, seconds);
      } finally {
        s.shutdown(true);
      }
    }
    List<Double> late = new ArrayList<>();
    for (long[] f : FIRES) {
      if (f[0] >= window[0] && f[0] < window[1]) {
        late.add((double) (f[1] - f[0]));
      }
    }
    return new Metrics()
        .put("fires", late.size())
        .put("expected_fires", (double) triggers * seconds)
        .percentiles("lateness_ms", late);
  }

  /** Sleeps through warm-up and window, then waits for the window's late fires. */
  private static void observe(long[] window, int triggers, int seconds) throws InterruptedException {
    window[0] = System.currentTimeMillis() + WARM_UP.toMillis();
    window[1] = window[0] + seconds * 1000L;
    System.out.println("RELEASE " + window[0]); // for JfrHot's time filter: warm-up left out
    Thread.sleep(window[1] - System.currentTimeMillis());
    long expected = (long) triggers * seconds;
    long giveUp = System.currentTimeMillis() + Math.min(60, seconds) * 1000L;
    while (System.currentTimeMillis() < giveUp
        && FIRES.stream().filter(f -> f[0] >= window[0] && f[0] < window[1]).count() < expected) {
      Thread.sleep(500);
    }
  }
}
