package dev.shotclock.quartz;

import dev.shotclock.workflow.Fire;
import dev.shotclock.workflow.Fires;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of every workflow: translates Quartz's context into a {@link Fire} and hands it
 * over. Quartz decides when; ShotClock decides what.
 */
public final class WorkflowJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowJob.class);

  private final Fires fires;

  WorkflowJob(Fires fires) {
    this.fires = fires;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    Fire fire = toFire(context);
    try {
      fires.onFire(fire);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("fire {} interrupted", fire);
    } catch (RuntimeException e) {
      if (dev.shotclock.db.DbException.isConnectionFailure(e)) {
        // The store outage is reported once by the store probe; this fire is one of its effects.
        LOG.info("fire {} not admitted: store unreachable ({}); slot accounting will record it", fire,
            e.getMessage());
      } else {
        LOG.error("fire {} failed; slot accounting will record it if it did not run", fire, e);
      }
      throw new JobExecutionException(e, false);
    }
  }

  static Fire toFire(JobExecutionContext context) {
    String workflowId = context.getJobDetail().getKey().getName();
    JobDataMap data = context.getMergedJobDataMap();
    boolean recovering = context.isRecovering();
    Instant scheduled = recovering && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)
        ? Instant.ofEpochMilli(Long.parseLong(
            data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)))
        : context.getScheduledFireTime().toInstant();
    if (data.containsKey(Keys.RUN_ID)) {
      return Fire.launch(workflowId, Long.parseLong(data.getString(Keys.RUN_ID)), scheduled, recovering);
    }
    int index = data.containsKey(Keys.TRIGGER_INDEX) ? Integer.parseInt(data.getString(Keys.TRIGGER_INDEX)) : -1;
    return Fire.cron(workflowId, index, scheduled, recovering);
  }
}
