package dev.shotclock.quartz;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the daemon's periodic housekeeping on Quartz's schedule; one pass at a time. */
@DisallowConcurrentExecution
public final class MaintenanceJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJob.class);

  private final Runnable pass;

  MaintenanceJob(Runnable pass) {
    this.pass = pass;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      pass.run();
    } catch (RuntimeException e) {
      // Never let the housekeeping schedule die; the next pass tries again.
      LOG.error("maintenance pass failed; will run again at the next interval", e);
    }
  }
}
