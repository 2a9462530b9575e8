package dev.shotclock.quartz;

import dev.shotclock.workflow.Fires;
import java.util.Map;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Creates our thin job adapters with their collaborators; no reflection, no bean properties. */
final class DaemonJobFactory implements JobFactory {

  private final Fires fires;
  private final Map<String, Runnable> systemTasks;

  private final String nodeId;

  DaemonJobFactory(Fires fires, Map<String, Runnable> systemTasks, String nodeId) {
    this.fires = fires;
    this.nodeId = nodeId;
    this.systemTasks = Map.copyOf(systemTasks);
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type == WorkflowJob.class) {
      return new WorkflowJob(fires);
    }
    if (type == SystemJob.class) {
      String task = bundle.getJobDetail().getJobDataMap().getString(SystemJob.TASK);
      String node = bundle.getJobDetail().getJobDataMap().getString(SystemJob.NODE);
      if (node != null && !node.equals(nodeId)) {
        // A periodic task another daemon left in the shared store (cluster nodes keep theirs in
        // a scheduler of their own): not ours to run; maintenance prunes it.
        return new SystemJob(task + "@" + node, () -> { });
      }
      Runnable pass = systemTasks.get(task);
      if (pass == null) {
        throw new SchedulerException("no system task named '" + task + "' in this daemon");
      }
      return new SystemJob(task, pass);
    }
    throw new SchedulerException("job " + bundle.getJobDetail().getKey() + " has class "
        + type.getName() + ", which ShotClock does not run");
  }
}
