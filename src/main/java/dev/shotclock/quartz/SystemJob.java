package dev.shotclock.quartz;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one of the daemon's own periodic tasks (housekeeping, watchdog); one pass at a time. */
@DisallowConcurrentExecution
public final class SystemJob implements Job {

  static final String TASK = "task";
  /** The node whose task this is; in a cluster, another node that fires it runs nothing. */
  static final String NODE = "node";
  private static final Logger LOG = LoggerFactory.getLogger(SystemJob.class);

  private final String name;
  private final Runnable pass;

  SystemJob(String name, Runnable pass) {
    this.name = name;
    this.pass = pass;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      pass.run();
    } catch (RuntimeException e) {
      // Never let a system schedule die; the next pass tries again.
      LOG.error("{} pass failed; will run again at the next interval", name, e);
    }
  }
}
