package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.WorkflowDef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * K cron triggers firing every second for a while: how late each fire starts against its slot.
 * ShotClock: K workflows without steps, lateness = run started_at - scheduled_at as its run
 * history records it. Quartz: K jobs with one cron trigger each, lateness = job start - scheduled
 * fire time. Fires of the first {@link #WARM_UP} after start are not counted (class loading, JIT).
 */
final class Lateness {

  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final String EVERY_SECOND = "* * * * * ?";

  private Lateness() {}

  static Metrics run(String system, BenchStore store, Path dir, int triggers, int seconds)
      throws Exception {
    Recorder.current = new Recorder(Integer.MAX_VALUE);
    AtomicLong countFrom = new AtomicLong();
    if (system.equals("shotclock")) {
      List<WorkflowDef> wfs = new ArrayList<>();
      for (int i = 0; i < triggers; i++) {
        wfs.add(ShotClockNode.noopWorkflow("cron-" + i, List.of(EVERY_SECOND)));
      }
      try (ShotClockNode node = ShotClockNode.start(store, dir, wfs)) {
        countFrom.set(System.currentTimeMillis() + WARM_UP.toMillis());
        node.daemon().engine().executor().addListener(end -> {
          if (end.run().scheduledAt().toEpochMilli() >= countFrom.get()) {
            Recorder.current.ended((double) Duration.between(end.run().scheduledAt(),
                end.run().startedAt()).toMillis());
          }
        });
        Thread.sleep(WARM_UP.toMillis() + seconds * 1000L);
      }
    } else {
      try (HikariDataSource ds = store.pool("ddl", 1)) {
        PlainQuartz.createTables(ds, store);
      }
      Scheduler s = PlainQuartz.create(store, PlainQuartz.THREADS);
      try {
        for (int i = 0; i < triggers; i++) {
          JobDetail job = JobBuilder.newJob(Jobs.Lateness.class).withIdentity("cron-" + i).build();
          Trigger t = TriggerBuilder.newTrigger().withIdentity("cron-" + i)
              .withSchedule(CronScheduleBuilder.cronSchedule(EVERY_SECOND)).build();
          s.scheduleJob(job, t);
        }
        s.start();
        long until = System.currentTimeMillis() + WARM_UP.toMillis();
        Thread.sleep(WARM_UP.toMillis());
        Recorder.current = new Recorder(Integer.MAX_VALUE);
        Thread.sleep(seconds * 1000L);
        countFrom.set(until);
      } finally {
        s.shutdown(true);
      }
    }
    List<Double> late = Recorder.current.values();
    return new Metrics()
        .put("fires", late.size())
        .put("expected_fires", (double) triggers * seconds)
        .percentiles("lateness_ms", late);
  }
}
