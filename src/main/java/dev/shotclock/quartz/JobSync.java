package dev.shotclock.quartz;

import dev.shotclock.config.TriggerDef;
import dev.shotclock.config.WorkflowDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the jobs and cron triggers in the Quartz store match the configuration exactly: jobs and
 * triggers added, changed or removed; unchanged triggers left alone (their next fire time kept);
 * pause state re-applied from ShotClock's own table, which is its source of truth.
 */
final class JobSync {

  private static final Logger LOG = LoggerFactory.getLogger(JobSync.class);

  /** What a sync changed, for the log and the reload report. */
  record Changes(List<String> added, List<String> changed, List<String> removed) {
    boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
  }

  private final Scheduler scheduler;

  JobSync(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * @param paused workflows paused on their own
   * @param allPaused the whole scheduler is paused: every cron trigger stays paused
   */
  Changes sync(List<WorkflowDef> workflows, Set<String> paused, boolean allPaused, Instant now) {
    try {
      try {
        return trySync(workflows, paused, allPaused, now, true);
      } catch (ObjectAlreadyExistsException e) {
        // another node (a cluster starting together) stored one of the new jobs meanwhile: the
        // batch was rolled back as a whole; do it again one workflow at a time
        LOG.info("a new workflow's job appeared while storing the batch ({}); synchronising one by one",
            e.getMessage());
        return trySync(workflows, paused, allPaused, now, false);
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot synchronise the scheduler store with the configuration", e);
    }
  }

  /**
   * Workflows whose job is not in the store yet (all of them on a first start) are stored with
   * their triggers in one Quartz transaction ({@code scheduleJobs}); the others one by one, since
   * an unchanged trigger must be left alone (its next fire time kept).
   */
  private Changes trySync(List<WorkflowDef> workflows, Set<String> paused, boolean allPaused,
      Instant now, boolean batchNew) throws SchedulerException {
    Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Set<JobKey> stored = new HashSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(Keys.WORKFLOWS)));
    Set<String> wanted = new HashSet<>();
    Map<JobDetail, Set<? extends Trigger>> fresh = new LinkedHashMap<>();
    List<TriggerKey> freshToPause = new ArrayList<>();
    for (WorkflowDef wf : workflows) {
      wanted.add(wf.id());
      boolean wfPaused = allPaused || paused.contains(wf.id());
      JobKey jobKey = Keys.workflow(wf.id());
      if (batchNew && !stored.contains(jobKey)) {
        Set<Trigger> triggers = new LinkedHashSet<>();
        for (int i = 0; i < wf.triggers().size(); i++) {
          triggers.add(cronTrigger(wf.id(), i, wf.triggers().get(i), now));
          if (wfPaused) {
            freshToPause.add(Keys.cron(wf.id(), i));
          }
        }
        fresh.put(job(wf), triggers);
        changes.added().add(wf.id());
      } else {
        syncWorkflow(wf, stored.contains(jobKey), wfPaused, now, changes);
      }
    }
    if (!fresh.isEmpty()) {
      scheduler.scheduleJobs(fresh, false);
    }
    for (TriggerKey key : freshToPause) {
      scheduler.pauseTrigger(key);
    }
    for (JobKey key : stored) {
      if (!wanted.contains(key.getName())) {
        scheduler.deleteJob(key);
        changes.removed().add(key.getName());
      }
    }
    if (!changes.isEmpty()) {
      LOG.info("scheduler store synchronised: added={} changed={} removed={}", changes.added(),
          changes.changed(), changes.removed());
    }
    return changes;
  }

  private static JobDetail job(WorkflowDef wf) {
    return JobBuilder.newJob(WorkflowJob.class).withIdentity(Keys.workflow(wf.id()))
        .withDescription(truncate(wf.description()))
        .storeDurably().requestRecovery().build();
  }

  private void syncWorkflow(WorkflowDef wf, boolean existed, boolean paused, Instant now,
      Changes changes) throws SchedulerException {
    JobKey jobKey = Keys.workflow(wf.id());
    scheduler.addJob(job(wf), true, true);
    boolean triggersChanged = syncTriggers(wf, jobKey, now);
    if (!existed) {
      changes.added().add(wf.id());
    } else if (triggersChanged) {
      changes.changed().add(wf.id());
    }
    setCronPaused(jobKey, paused);
  }

  /** Returns whether any cron trigger was added, replaced or removed. */
  private boolean syncTriggers(WorkflowDef wf, JobKey jobKey, Instant now) throws SchedulerException {
    Map<TriggerKey, Trigger> existing = new HashMap<>();
    for (Trigger t : scheduler.getTriggersOfJob(jobKey)) {
      if (t.getKey().getGroup().equals(Keys.CRON)) {
        existing.put(t.getKey(), t);
      }
    }
    boolean changed = false;
    for (int i = 0; i < wf.triggers().size(); i++) {
      TriggerKey key = Keys.cron(wf.id(), i);
      Trigger desired = cronTrigger(wf.id(), i, wf.triggers().get(i), now);
      Trigger current = existing.remove(key);
      if (current == null) {
        scheduler.scheduleJob(desired);
        changed = true;
      } else if (!sameSchedule(current, desired)) {
        scheduler.rescheduleJob(key, desired);
        changed = true;
      }
    }
    for (TriggerKey stale : existing.keySet()) {
      scheduler.unscheduleJob(stale);
      changed = true;
    }
    return changed;
  }

  static Trigger cronTrigger(String workflowId, int index, TriggerDef def, Instant now) {
    return TriggerBuilder.newTrigger()
        .withIdentity(Keys.cron(workflowId, index))
        .forJob(Keys.workflow(workflowId))
        .usingJobData(Keys.TRIGGER_INDEX, Integer.toString(index))
        .withDescription(def.cron() + " " + def.timezone().getId())
        .withSchedule(DstSafeCronScheduleBuilder.doNothingOnMisfire(
            CronSchedule.toQuartz(def.cron()), TimeZone.getTimeZone(def.timezone())))
        .startAt(Date.from(now))
        .build();
  }

  private static boolean sameSchedule(Trigger current, Trigger desired) {
    if (!(current instanceof DstSafeCronTrigger c) || !(desired instanceof DstSafeCronTrigger d)) {
      return false;
    }
    return c.getCronExpression().equals(d.getCronExpression())
        && c.getTimeZone().getID().equals(d.getTimeZone().getID());
  }

  /**
   * Pauses or resumes only the cron triggers: launches of runs (manual, queued, delayed) still
   * fire while a workflow is paused. Resuming applies the do-nothing misfire rule, so slots passed
   * while paused do not burst out.
   */
  void setCronPaused(JobKey jobKey, boolean paused) throws SchedulerException {
    for (Trigger t : scheduler.getTriggersOfJob(jobKey)) {
      if (!t.getKey().getGroup().equals(Keys.CRON)) {
        continue;
      }
      boolean isPaused = scheduler.getTriggerState(t.getKey()) == Trigger.TriggerState.PAUSED;
      if (paused && !isPaused) {
        scheduler.pauseTrigger(t.getKey());
      } else if (!paused && isPaused) {
        scheduler.resumeTrigger(t.getKey());
      }
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 250 ? s : s.substring(0, 249) + "…";
  }
}
