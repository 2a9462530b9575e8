package dev.shotclock.quartz;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.workflow.Fires;
import dev.shotclock.workflow.Launcher;
import dev.shotclock.workflow.TriggerSwitch;
import org.quartz.impl.matchers.GroupMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * ShotClock's handle on Quartz: builds the scheduler from typed settings (JDBC job store on our
 * pool, properties only, triggers acquired under the lock), keeps its store in line with the
 * configuration, launches runs, and starts and stops it. Nothing outside this package sees Quartz.
 */
public final class QuartzEngine implements TriggerSwitch {

  /**
   * @param schedulerName Quartz scheduler name; the lock rows are seeded for "ShotClock"
   * @param instanceId stable node id: Quartz recovers only the fired triggers of its own id
   * @param threads worker threads for runs (one more is added for housekeeping)
   * @param clusterCheckin null for a single node; for a cluster node, how often it checks in
   */
  public record Settings(String schedulerName, String instanceId, int threads,
      Duration misfireThreshold, DataSource dataSource, boolean postgres, Duration clusterCheckin) {

    public Settings(String schedulerName, String instanceId, int threads, Duration misfireThreshold,
        DataSource dataSource, boolean postgres) {
      this(schedulerName, instanceId, threads, misfireThreshold, dataSource, postgres, null);
    }

    boolean clustered() {
      return clusterCheckin != null;
    }
  }

  private final Scheduler scheduler;
  /** In a cluster, this node's own periodic tasks, in memory; null on a single node. */
  private final Scheduler local;
  private final String schedulerName;
  private final String instanceId;
  private final JobSync sync;
  private final QuartzLauncher launcher;

  public QuartzEngine(Settings settings) {
    String dataSourceName = "shotclock-" + UUID.randomUUID();
    DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
        new HikariConnectionProvider(settings.dataSource()));
    try {
      StdSchedulerFactory factory = new StdSchedulerFactory(properties(settings, dataSourceName));
      this.scheduler = factory.getScheduler();
      // Quartz keeps schedulers in a JVM-wide registry by name and hands out the registered one
      // on the next getScheduler(). ShotClock never looks a scheduler up by name; dropping it lets
      // two nodes of one cluster (same name) run in one JVM, as the cluster tests do.
      org.quartz.impl.SchedulerRepository.getInstance().remove(settings.schedulerName());
      this.local = settings.clustered() ? localScheduler(settings) : null;
    } catch (SchedulerException e) {
      throw new QuartzException("cannot create the Quartz scheduler", e);
    }
    this.schedulerName = settings.schedulerName();
    this.instanceId = settings.instanceId();
    this.sync = new JobSync(scheduler);
    this.launcher = new QuartzLauncher(scheduler);
  }

  /**
   * A cluster shares its JDBC store, and Quartz fires a trigger of that store on whichever node
   * acquires it first; a node's watchdog, dispatcher and maintenance (heartbeats that fencing
   * relies on) must run on that node, every period. So in a cluster they live in a scheduler of
   * the node's own, in memory: nothing to recover after a crash, the node re-creates them.
   */
  private static Scheduler localScheduler(Settings s) throws SchedulerException {
    String name = s.schedulerName() + "-local-" + s.instanceId() + "-" + UUID.randomUUID();
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.scheduler.instanceId", s.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdown", "false");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(LOCAL_THREADS));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "shotclock-housekeeping");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(s.misfireThreshold().toMillis()));
    Scheduler local = new StdSchedulerFactory(p).getScheduler();
    org.quartz.impl.SchedulerRepository.getInstance().remove(name);
    return local;
  }

  /** One thread per periodic task (watchdog, dispatcher, maintenance): none waits for another. */
  private static final int LOCAL_THREADS = 3;

  static Properties properties(Settings s, String dataSourceName) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", s.schedulerName());
    p.setProperty("org.quartz.scheduler.instanceId", s.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdown", "false");
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(Math.min(10, s.threads())));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threads() + 1));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "shotclock-worker");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", s.postgres()
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.driverDelegateInitString",
        "triggerPersistenceDelegateClasses=" + DstSafeCronPersistence.class.getName());
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.dontSetAutoCommitFalse", "false");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(s.misfireThreshold().toMillis()));
    p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(s.clustered()));
    if (s.clustered()) {
      p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(s.clusterCheckin().toMillis()));
    }
    return p;
  }

  /** The watchdog's repair of stuck Quartz triggers, working through the given store helper. */
  public dev.shotclock.watchdog.Repair stuckTriggerRepair(dev.shotclock.db.Jdbc jdbc) {
    return new StuckTriggerRepair(jdbc, scheduler, schedulerName);
  }

  /**
   * The cluster's nodes as Quartz sees them: each checked-in node's last check-in. A node the
   * cluster declared dead has no entry (the node that recovered its runs removed it).
   */
  public java.util.Map<String, Instant> clusterCheckIns(dev.shotclock.db.Jdbc jdbc) {
    java.util.Map<String, Instant> out = new java.util.TreeMap<>();
    jdbc.query("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?",
        a -> a.string(schedulerName), r -> out.put(r.string("INSTANCE_NAME"),
            Instant.ofEpochMilli(r.longValue("LAST_CHECKIN_TIME"))));
    return out;
  }

  public Launcher launcher() {
    return launcher;
  }

  /** Makes the store match the configuration; returns a one-line summary of what changed. */
  public String sync(List<WorkflowDef> workflows, Set<String> paused, boolean allPaused, Instant now) {
    JobSync.Changes c = sync.sync(workflows, paused, allPaused, now);
    return "added " + c.added() + ", changed " + c.changed() + ", removed " + c.removed();
  }

  /** A periodic job of the daemon itself (housekeeping, watchdog): a name, a period, what to run. */
  public record SystemTask(String name, Duration every, Runnable task) {}

  /** Starts firing: installs the job factory and the daemon's own jobs, then starts Quartz. */
  public void start(Fires fires, List<SystemTask> tasks, Instant now) {
    try {
      java.util.Map<String, Runnable> byName = new java.util.HashMap<>();
      tasks.forEach(t -> byName.put(t.name(), t.task()));
      DaemonJobFactory factory = new DaemonJobFactory(fires, byName, instanceId);
      scheduler.setJobFactory(factory);
      Scheduler tasksScheduler = local != null ? local : scheduler;
      if (local != null) {
        local.setJobFactory(factory);
      }
      for (SystemTask t : tasks) {
        scheduleSystemTask(tasksScheduler, t, now, instanceId);
      }
      scheduler.start();
      if (local != null) {
        local.start();
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot start the Quartz scheduler", e);
    }
  }

  /**
   * Schedules one periodic task: in the shared store on a single node, in the node's own
   * scheduler in a cluster (see {@link #localScheduler}).
   */
  private static void scheduleSystemTask(Scheduler target, SystemTask t, Instant now, String node)
      throws SchedulerException {
    JobDetail job = JobBuilder.newJob(SystemJob.class).withIdentity(Keys.system(t.name()))
        .usingJobData(SystemJob.TASK, t.name()).usingJobData(SystemJob.NODE, node)
        .storeDurably().build();
    // First pass one period after start: the daemon is fully up by then.
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(t.name(), Keys.SYSTEM)
        .forJob(job).startAt(Date.from(now.plus(t.every())))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(t.every().toMillis()).repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    target.addJob(job, true);
    if (target.checkExists(trigger.getKey())) {
      target.rescheduleJob(trigger.getKey(), trigger);
    } else {
      target.scheduleJob(trigger);
    }
  }

  /**
   * Deletes periodic tasks left in the shared store by another node that is not checked in (a
   * single daemon that used the store before it became a cluster's, or a cluster node of a build
   * that kept them there), scheduled long enough ago that the node is not one just starting.
   * Returns the job names deleted.
   */
  public List<String> pruneSystemTasks(dev.shotclock.db.Jdbc jdbc, Instant now) {
    Set<String> checkedIn = new java.util.HashSet<>(jdbc.query("SELECT INSTANCE_NAME FROM"
        + " QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", a -> a.string(schedulerName),
        r -> r.string("INSTANCE_NAME")));
    Instant settled = now.minus(Duration.ofMinutes(5));
    List<String> deleted = new java.util.ArrayList<>();
    try {
      for (org.quartz.JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(Keys.SYSTEM))) {
        JobDetail job = scheduler.getJobDetail(key);
        String node = job == null ? null : job.getJobDataMap().getString(SystemJob.NODE);
        if (job == null || instanceId.equals(node) || (node != null && checkedIn.contains(node))) {
          continue;
        }
        boolean recent = scheduler.getTriggersOfJob(key).stream()
            .anyMatch(t -> t.getStartTime().toInstant().isAfter(settled));
        if (!recent && scheduler.deleteJob(key)) {
          deleted.add(key.getName());
        }
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot prune the periodic tasks of departed nodes", e);
    }
    return deleted;
  }

  /** Stops firing new triggers; running jobs go on. */
  public void standby() {
    try {
      scheduler.standby();
      if (local != null) {
        local.standby();
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot put the scheduler in standby", e);
    }
  }

  /** Fires again after {@link #standby}. */
  public void resumeFiring() {
    try {
      scheduler.start();
      if (local != null) {
        local.start();
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot resume the scheduler", e);
    }
  }

  /** Stops Quartz, waiting for running jobs to return when asked to. */
  public void shutdown(boolean waitForJobs) {
    try {
      if (local != null) {
        local.shutdown(waitForJobs);
      }
      scheduler.shutdown(waitForJobs);
    } catch (SchedulerException e) {
      throw new QuartzException("cannot shut the scheduler down", e);
    }
  }

  /** Pauses or resumes a workflow's cron triggers. */
  @Override
  public void setPaused(String workflowId, boolean paused) {
    try {
      sync.setCronPaused(Keys.workflow(workflowId), paused);
    } catch (SchedulerException e) {
      throw new QuartzException("cannot change the pause state of " + workflowId, e);
    }
  }

  /**
   * Pauses or resumes the whole cron group. Quartz remembers a paused group, so cron triggers
   * added while paused are paused too; launches of runs (another group) still fire.
   */
  @Override
  public void setAllPaused(boolean paused) {
    try {
      if (paused) {
        scheduler.pauseTriggers(GroupMatcher.triggerGroupEquals(Keys.CRON));
      } else {
        scheduler.resumeTriggers(GroupMatcher.triggerGroupEquals(Keys.CRON));
      }
    } catch (SchedulerException e) {
      throw new QuartzException("cannot change the scheduler-wide pause", e);
    }
  }

  /** Whether the workflow has cron triggers and all of them are paused in the Quartz store. */
  public boolean isCronPaused(String workflowId) {
    try {
      List<? extends Trigger> cron = scheduler.getTriggersOfJob(Keys.workflow(workflowId)).stream()
          .filter(t -> t.getKey().getGroup().equals(Keys.CRON)).toList();
      for (Trigger t : cron) {
        if (scheduler.getTriggerState(t.getKey()) != Trigger.TriggerState.PAUSED) {
          return false;
        }
      }
      return !cron.isEmpty();
    } catch (SchedulerException e) {
      throw new QuartzException("cannot read the triggers of " + workflowId, e);
    }
  }

  /** The next time any cron trigger of the workflow fires; empty if none will (or paused). */
  public Optional<Instant> nextFireTime(String workflowId) {
    try {
      return scheduler.getTriggersOfJob(Keys.workflow(workflowId)).stream()
          .filter(t -> t.getKey().getGroup().equals(Keys.CRON))
          .map(Trigger::getNextFireTime).filter(d -> d != null).map(Date::toInstant)
          .min(Instant::compareTo);
    } catch (SchedulerException e) {
      throw new QuartzException("cannot read the triggers of " + workflowId, e);
    }
  }

  public boolean isStarted() {
    try {
      return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }
}
