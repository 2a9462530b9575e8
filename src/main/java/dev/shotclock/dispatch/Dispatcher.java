package dev.shotclock.dispatch;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.SourcesConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.queue.Task;
import dev.shotclock.queue.TaskQueue;
import dev.shotclock.workflow.Admission;
import dev.shotclock.workflow.Blackouts;
import dev.shotclock.workflow.Launcher;
import dev.shotclock.workflow.ResourceHold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the task queue: each pass claims the due tasks that the global and per-source limits
 * allow (concurrency and launch rates are counted in the store, so they hold cluster-wide) and
 * starts, for each, the workflow its source maps to, with the task's params. It never waits: a
 * source at its limit simply gets no task this pass. Nothing is claimed while the scheduler is
 * paused; a source whose workflow is paused (or held by a Retry-After) gets nothing either.
 */
public final class Dispatcher implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** What a pass did, for tests and the log. */
  public record Pass(int claimed, int started, Map<String, Integer> budgets) {}

  /** The last pass, for status: when, and what it did or why it did nothing. */
  public record LastPass(Instant at, int claimed, int started, String note) {}

  /** A source's budget for one pass, and the limit that made it zero (null when positive). */
  private record Budget(int tasks, DispatchMetrics.Limit limit) {}

  private final LiveConfig config;
  private final Queues queues;
  private final Jdbc jdbc;
  private final LaunchLog launches;
  private final Admission admission;
  private final ResourceHold resources;
  private final Launcher launcher;
  private final Clock clock;
  private final String nodeId;
  private final DispatchMetrics metrics;
  private volatile LastPass lastPass;
  private final Blackouts blackouts;

  /** @param resources while it holds, no task is claimed: they wait PENDING, nothing is lost */
  public Dispatcher(LiveConfig config, Queues queues, Jdbc jdbc, Admission admission, ResourceHold resources,
      Launcher launcher, Clock clock, String nodeId, DispatchMetrics metrics) {
    this.config = config;
    this.queues = queues;
    this.jdbc = jdbc;
    this.launches = new LaunchLog(jdbc);
    this.admission = admission;
    this.resources = resources;
    this.blackouts = new Blackouts(config);
    this.launcher = launcher;
    this.clock = clock;
    this.nodeId = nodeId;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    runOnce();
  }

  public Pass runOnce() {
    SourcesConfig sources = config.get().sources();
    Instant now = clock.instant();
    if (sources.sources().isEmpty()) {
      lastPass = new LastPass(now, 0, 0, "no sources configured");
      return new Pass(0, 0, Map.of());
    }
    if (new SchedulerStateRepository(jdbc).get().paused()) {
      lastPass = new LastPass(now, 0, 0, "scheduler paused");
      return new Pass(0, 0, Map.of());
    }
    long t0 = System.nanoTime();
    Claimed c = jdbc.inTransaction(tx -> claim(tx, sources, now));
    metrics.claimed(Duration.ofNanos(System.nanoTime() - t0));
    c.tasks().forEach(t -> metrics.waited(t, now));
    recordLimits(c.limited());
    int started = 0;
    for (Task task : c.tasks()) {
      if (start(queues.current(), sources, task)) {
        started++;
      }
    }
    if (!c.tasks().isEmpty()) {
      LOG.info("dispatched {} task(s): {}", c.tasks().size(),
          c.tasks().stream().map(t -> t.source() + "#" + t.id()).toList());
    }
    lastPass = new LastPass(now, c.tasks().size(), started,
        resources.reason().map(r -> "held back: " + r).orElse(null));
    return new Pass(c.tasks().size(), started, c.budgets());
  }

  public Optional<LastPass> lastPass() {
    return Optional.ofNullable(lastPass);
  }

  private record Claimed(List<Task> tasks, Map<String, Integer> budgets,
      Map<String, DispatchMetrics.Limit> limited) {}

  /**
   * Counts and claims under the dispatch lock, so two passes (on this node or another) never both
   * see the same free slot; the launches are recorded in the same transaction. Nothing slow
   * happens while the lock is held: runs start after it is released.
   */
  private Claimed claim(Jdbc tx, SourcesConfig sources, Instant now) {
    tx.query("SELECT id FROM sc_dispatch_lock WHERE id = 1 FOR UPDATE", Jdbc.Binder.NONE, r -> 1);
    TaskQueue queue = queues.within(tx);
    LaunchLog txLaunches = new LaunchLog(tx);
    Map<String, Budget> budgets = budgets(tx, txLaunches, sources, queue, now);
    Map<String, Integer> tasks = new LinkedHashMap<>();
    Map<String, Integer> positive = new HashMap<>();
    Map<String, DispatchMetrics.Limit> limited = new HashMap<>();
    budgets.forEach((s, b) -> {
      tasks.put(s, b.tasks());
      if (b.tasks() > 0) {
        positive.put(s, b.tasks());
      } else {
        limited.put(s, b.limit());
      }
    });
    int total = positive.values().stream().mapToInt(Integer::intValue).sum();
    int max = Math.min(total, globalBudget(txLaunches, sources, now));
    if (max <= 0) {
      positive.keySet().forEach(s -> limited.put(s, DispatchMetrics.Limit.GLOBAL_RATE));
    }
    if (max <= 0 || positive.isEmpty()) {
      return new Claimed(List.of(), tasks, limited);
    }
    List<Task> claimed = queue.claimBySource(max, nodeId, positive);
    claimed.forEach(t -> txLaunches.record(t.source(), now));
    return new Claimed(claimed, tasks, limited);
  }

  /**
   * Counts a limit for each source it held back while the source had due tasks: outside the
   * dispatch lock, one index probe per limited source.
   */
  private void recordLimits(Map<String, DispatchMetrics.Limit> limited) {
    if (limited.isEmpty()) {
      return;
    }
    TaskQueue queue = queues.current();
    limited.forEach((source, limit) -> {
      if (queue.hasDue(source)) {
        metrics.limited(source, limit);
      }
    });
  }

  /** Per-source budget of this pass; zero for held sources and sources whose workflow is paused. */
  private Map<String, Budget> budgets(Jdbc tx, LaunchLog launches, SourcesConfig sources,
      TaskQueue queue, Instant now) {
    Map<String, Integer> running = queue.runningBySource();
    LaunchLog.Window minute = launches.since(now.minus(Duration.ofMinutes(1)));
    LaunchLog.Window hour = launches.since(now.minus(Duration.ofHours(1)));
    Map<String, Instant> last = launches.lastLaunches(now.minus(Duration.ofHours(1)));
    Map<String, SourceHolds.Hold> held = new SourceHolds(tx).active(now);
    Set<String> pausedWorkflows = new TreeSet<>();
    new WorkflowStateRepository(tx).all().stream().filter(WorkflowState::paused)
        .forEach(s -> pausedWorkflows.add(s.workflowId()));
    Map<String, Budget> budgets = new LinkedHashMap<>();
    boolean resourceShort = resources.reason().isPresent();
    for (SourceDef src : sources.sources().values()) {
      int runningNow = running.getOrDefault(src.name(), 0);
      if (resourceShort) {
        budgets.put(src.name(), new Budget(0, DispatchMetrics.Limit.RESOURCE));
      } else if (held.containsKey(src.name())) {
        budgets.put(src.name(), new Budget(0, DispatchMetrics.Limit.RETRY_AFTER));
      } else if (pausedWorkflows.contains(src.workflow())) {
        budgets.put(src.name(), new Budget(0, DispatchMetrics.Limit.PAUSED));
      } else if (inBlackout(src.workflow(), now)) {
        budgets.put(src.name(), new Budget(0, DispatchMetrics.Limit.BLACKOUT));
      } else {
        int n = SourceBudget.of(src, runningNow, minute.of(src.name()), hour.of(src.name()),
            last.get(src.name()), now);
        DispatchMetrics.Limit why = runningNow >= src.maxConcurrent() ? DispatchMetrics.Limit.CONCURRENCY
            : DispatchMetrics.Limit.RATE;
        budgets.put(src.name(), new Budget(n, n > 0 ? null : why));
      }
    }
    return budgets;
  }

  private boolean inBlackout(String workflowId, Instant now) {
    return config.get().workflow(workflowId).flatMap(wf -> blackouts.covering(wf, now)).isPresent();
  }

  private int globalBudget(LaunchLog launches, SourcesConfig sources, Instant now) {
    var g = sources.global();
    if (g.perMinute() == null && g.perHour() == null && g.burst() == null
        && (g.minSpacing() == null || g.minSpacing().isZero())) {
      return Integer.MAX_VALUE;
    }
    int minute = launches.since(now.minus(Duration.ofMinutes(1))).total();
    int hour = launches.since(now.minus(Duration.ofHours(1))).total();
    Instant last = launches.lastLaunches(now.minus(Duration.ofHours(1))).values().stream()
        .max(Instant::compareTo).orElse(null);
    return SourceBudget.rate(g, minute, hour, last, now);
  }

  /** Starts the task's run; a task its workflow cannot take now is given back. */
  private boolean start(TaskQueue queue, SourcesConfig sources, Task task) {
    SourceDef src = sources.source(task.source()).orElse(null);
    WorkflowDef wf = src == null ? null : config.get().workflow(src.workflow()).orElse(null);
    if (wf == null) {
      queue.fail(task.id(), "source " + task.source() + " has no workflow in the configuration", null, false, null);
      return false;
    }
    Set<String> unknown = new TreeSet<>(task.params().keySet());
    unknown.removeAll(wf.params().keySet());
    if (!unknown.isEmpty()) {
      queue.fail(task.id(), "unknown parameter(s) " + unknown + " for workflow " + wf.id()
          + " (declared: " + new TreeSet<>(wf.params().keySet()) + ")", null, false, null);
      return false;
    }
    // One run per claim. The claim time is part of the key because a requeue starts the attempt
    // count again: with id and attempt alone, the requeued task's first claim found the run of the
    // dead series' first attempt as a duplicate and never ran again.
    Admission.Decision d = admission.admitRequest(wf, TriggerKind.TASK, task.params(),
        "task-" + task.id() + "-" + task.attempt() + "-" + task.startedAt().toEpochMilli(), "dispatcher",
        task.correlationId());
    if (d.kind() == Admission.Kind.CONFLICT) {
      queue.release(task.id(), "workflow " + wf.id() + " busy: " + d.message());
      return false;
    }
    // Attached before the launch: a run that ends at once still finds its task.
    queue.attachRun(task.id(), d.runId());
    if (d.kind() == Admission.Kind.RUN_NOW || d.kind() == Admission.Kind.DELAYED) {
      launcher.launchNow(wf.id(), d.runId());
    }
    LOG.debug("task {} ({}, {}, attempt {}) runs as run {}", task.id(), task.source(), task.dedupeKey(),
        task.attempt(), d.runId());
    return true;
  }

  /** Forgets launches older than any rate window. */
  public void prune() {
    launches.prune(clock.instant());
  }
}
