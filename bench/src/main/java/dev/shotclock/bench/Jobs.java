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
}
