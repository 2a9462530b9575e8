package dev.shotclock.bench;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Plain-Quartz jobs of the benchmark; Quartz creates them by class, hence the static recorder. */
public final class Jobs {

  private Jobs() {}

  /** Does nothing but count. */
  public static final class Noop implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      Recorder.current.ended(null);
    }
  }

  /** Counts and records how late it started, in ms, against its scheduled fire time. */
  public static final class Lateness implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      long late = System.currentTimeMillis() - context.getScheduledFireTime().getTime();
      Recorder.current.ended((double) late);
    }
  }
}
