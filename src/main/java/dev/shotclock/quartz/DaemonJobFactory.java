package dev.shotclock.quartz;

import dev.shotclock.workflow.Fires;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Creates our thin job adapters with their collaborators; no reflection, no bean properties. */
final class DaemonJobFactory implements JobFactory {

  private final Fires fires;
  private final Runnable maintenance;

  DaemonJobFactory(Fires fires, Runnable maintenance) {
    this.fires = fires;
    this.maintenance = maintenance;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type == WorkflowJob.class) {
      return new WorkflowJob(fires);
    }
    if (type == MaintenanceJob.class) {
      return new MaintenanceJob(maintenance);
    }
    throw new SchedulerException("job " + bundle.getJobDetail().getKey() + " has class "
        + type.getName() + ", which ShotClock does not run");
  }
}
