package dev.shotclock.bench;

import java.nio.file.Path;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * The peer of {@code bin/shotclockd} for footprint: a minimal daemon that is nothing but plain
 * Quartz on an H2 file with the same job-store settings, K cron jobs, and a job that does what a
 * ShotClock step does (start /bin/true). Usage: {@code MinimalQuartzMain DIR K FIRST_CRON}; the
 * first job gets FIRST_CRON, the others fire daily. Prints {@code FIRED <epoch ms>} on the first
 * fire.
 */
public final class MinimalQuartzMain {

  private static volatile boolean fired;

  private MinimalQuartzMain() {}

  /** Starts /bin/true like a step, and reports the first time it happens. */
  public static final class TrueJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      long at = System.currentTimeMillis();
      if (!fired) {
        fired = true;
        System.out.println("FIRED " + at);
        System.out.flush();
      }
      try {
        new ProcessBuilder("/bin/true").start().waitFor();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    BenchStore store = BenchStore.create("h2", Path.of(args[0]));
    int k = Integer.parseInt(args[1]);
    try (var ds = store.pool("ddl", 1)) {
      PlainQuartz.createTables(ds, store);
    }
    Scheduler s = PlainQuartz.create(store, PlainQuartz.THREADS);
    for (int i = 0; i < k; i++) {
      JobDetail job = JobBuilder.newJob(TrueJob.class).withIdentity("wf-" + i).build();
      String cron = i == 0 ? args[2] : "0 0 3 * * ?";
      Trigger t = TriggerBuilder.newTrigger().withIdentity("wf-" + i)
          .withSchedule(CronScheduleBuilder.cronSchedule(cron)).build();
      s.scheduleJob(job, t);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        s.shutdown(true);
      } catch (Exception e) {
        // exiting anyway
      }
    }));
    s.start();
    System.out.println("STARTED");
    Thread.currentThread().join();
  }
}
