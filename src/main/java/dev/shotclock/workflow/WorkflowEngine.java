package dev.shotclock.workflow;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.StepRunRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Wires the workflow package's parts (admission, DAG runner, step runner, process supervision,
 * slot accounting, recovery) from what the composition root hands it, and owns their threads.
 * Step kinds that run inside the daemon come in as {@link BuiltinStep}s; {@code http} is built in.
 */
public final class WorkflowEngine implements AutoCloseable {

  /**
   * @param instanceId identity of this daemon start, carried by every child process
   * @param daemonEnv the environment children inherit
   */
  public record Settings(String nodeId, Path stateDir, String instanceId, Path runLogDir,
      long runLogCapBytes, int maxConcurrentSteps, Duration killGrace, Duration misfireThreshold,
      Map<String, String> daemonEnv, boolean clustered) {}

  private final ExecutorService stepThreads;
  private final ScheduledExecutorService timers;
  private final ActiveRuns active = new ActiveRuns();
  private final NamedLocks locks;
  private final RunningSteps running = new RunningSteps();
  private final Admission admission;
  private final QueuedRuns queued;
  private final RunControl control;
  private final RunExecutor executor;
  private final Fires fires;
  private final SlotAccounting slots;
  private final CrashRecovery recovery;
  private final PauseControl pauses;
  private final Backfill backfill;
  private final CircuitBreaker breaker;
  private final StoreRetry storeRetry;
  private final ResourceHold resources = new ResourceHold();
  private final Downstream downstream;
  private final Heartbeats heartbeats;

  public WorkflowEngine(Settings s, LiveConfig config, Jdbc jdbc, Launcher launcher,
      TriggerSwitch triggers, FireTimes fireTimes, EventLog events, Clock clock, DoubleSupplier random,
      WorkflowMetrics metrics, dev.shotclock.notify.Alerts alerts, List<BuiltinStep> builtinSteps) {
    this.stepThreads = Executors.newCachedThreadPool(named("shotclock-step"));
    this.timers = Executors.newSingleThreadScheduledExecutor(named("shotclock-timer"));
    this.storeRetry = StoreRetry.standard(clock);
    RunRepository runs = new RunRepository(jdbc);
    StepRunRepository steps = new StepRunRepository(jdbc);
    this.locks = s.clustered() ? new NamedLocks(new StoreLocks(jdbc, clock)) : new NamedLocks();
    this.queued = new QueuedRuns(jdbc, launcher, clock);
    this.admission = new Admission(jdbc, clock, resources, new Blackouts(config), queued);
    this.control = new RunControl(runs, active, events, clock);
    ChildEnvironment env = new ChildEnvironment(s.daemonEnv(),
        new ChildEnvironment.DaemonIdentity(s.nodeId(), s.stateDir(), s.instanceId()));
    this.slots = new SlotAccounting(config, jdbc, fireTimes, admission, launcher, queued, events,
        clock, s.misfireThreshold());
    this.pauses = new PauseControl(config, jdbc, triggers, slots, queued, events, clock);
    ProcessSupervisor supervisor = new ProcessSupervisor(s.killGrace());
    this.breaker = new CircuitBreaker(config, runs, new dev.shotclock.history.WorkflowStateRepository(jdbc),
        pauses, supervisor, s.daemonEnv(), s.runLogDir().resolveSibling("probes"), alerts, events, clock);
    Map<String, BuiltinStep> builtins = new HashMap<>();
    builtins.put("http", new HttpFetch(clock));
    builtinSteps.forEach(b -> builtins.put(b.kind(), b));
    StepRunner stepRunner = new StepRunner(supervisor, env, steps,
        locks, new Semaphore(s.maxConcurrentSteps(), true), clock, random, running, metrics, builtins, timers,
        storeRetry, new AttemptFence(runs, s.nodeId(), storeRetry, s.clustered()));
    DagRun dag = new DagRun(stepRunner, stepThreads, steps, clock);
    this.executor = new RunExecutor(runs, steps, events, dag, active, queued, timers, clock,
        s.nodeId(), new RunExecutor.LogPolicy(s.runLogDir(), s.runLogCapBytes()), metrics,
        new RunAlerts(alerts, clock), breaker, storeRetry);
    this.downstream = new Downstream(config, admission, launcher, runs, events, clock);
    executor.addListener(downstream);
    this.fires = new Fires(config, admission, executor, runs, launcher, control, events, clock);
    this.backfill = new Backfill(jdbc, fireTimes, queued, clock);
    this.recovery = new CrashRecovery(runs, steps, events, new OrphanReaper(s.killGrace()), clock,
        s.stateDir(), s.instanceId(), s.clustered() ? s.nodeId() : null);
    this.heartbeats = new Heartbeats(active, runs, events, clock);
  }

  public Heartbeats heartbeats() {
    return heartbeats;
  }

  public Fires fires() {
    return fires;
  }

  /** Job-to-job triggers; its runOnce() catches up follow-ups a crash lost. */
  public Downstream downstream() {
    return downstream;
  }

  /** Set by the watchdog while disk space is short. */
  public ResourceHold resources() {
    return resources;
  }

  public Admission admission() {
    return admission;
  }

  public RunControl control() {
    return control;
  }

  public QueuedRuns queued() {
    return queued;
  }

  public SlotAccounting slots() {
    return slots;
  }

  public CrashRecovery recovery() {
    return recovery;
  }

  public PauseControl pauses() {
    return pauses;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public Backfill backfill() {
    return backfill;
  }

  public RunningSteps runningSteps() {
    return running;
  }

  public ActiveRuns active() {
    return active;
  }

  public RunExecutor executor() {
    return executor;
  }

  /** The daemon stops: outcome writes waiting for the store give up now (crash recovery has them). */
  public void abandonStoreWrites() {
    storeRetry.abandon();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    stepThreads.shutdown();
    try {
      stepThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
