package dev.shotclock.quartz;

import dev.shotclock.workflow.Launcher;
import java.time.Instant;
import java.util.Date;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Launches a run with a one-shot trigger named after it: stored in the job store, so a launch
 * survives a restart, fires once, and its execution is recovered if the daemon dies.
 */
final class QuartzLauncher implements Launcher {

  private final Scheduler scheduler;

  QuartzLauncher(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void launchNow(String workflowId, long runId) {
    schedule(workflowId, runId, null);
  }

  @Override
  public void launchAt(String workflowId, long runId, Instant at) {
    schedule(workflowId, runId, at);
  }

  @Override
  public boolean hasPendingLaunch(long runId) {
    try {
      return scheduler.checkExists(Keys.run(runId));
    } catch (SchedulerException e) {
      throw new QuartzException("cannot look up the launch of run " + runId, e);
    }
  }

  private void schedule(String workflowId, long runId, Instant at) {
    TriggerBuilder<Trigger> tb = TriggerBuilder.newTrigger()
        .withIdentity(Keys.run(runId))
        .forJob(Keys.workflow(workflowId))
        .usingJobData(Keys.RUN_ID, Long.toString(runId));
    tb = at == null ? tb.startNow() : tb.startAt(Date.from(at));
    Trigger trigger = tb.withSchedule(SimpleScheduleBuilder.simpleSchedule()
        .withMisfireHandlingInstructionFireNow()).build();
    try {
      scheduler.scheduleJob(trigger);
    } catch (ObjectAlreadyExistsException e) {
      // Already launched: a launch is idempotent per run.
    } catch (SchedulerException e) {
      throw new QuartzException("cannot launch run " + runId + " of " + workflowId, e);
    }
  }
}
