package dev.shotclock.daemon;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.adce.AdceSteps;
import dev.shotclock.admin.AdminServer;
import dev.shotclock.admin.AdminTokens;
import dev.shotclock.config.ConfigDiff;
import dev.shotclock.config.ConfigException;
import dev.shotclock.config.DaemonSettings;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.DataSources;
import dev.shotclock.db.DbException;
import dev.shotclock.db.Dialect;
import dev.shotclock.db.H2Compaction;
import dev.shotclock.db.H2FileStore;
import dev.shotclock.db.H2StoreFile;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Migrator;
import dev.shotclock.db.StoreOpenCheck;
import dev.shotclock.db.StoreSize;
import dev.shotclock.dispatch.Dispatcher;
import dev.shotclock.dispatch.QueueAlarms;
import dev.shotclock.dispatch.Queues;
import dev.shotclock.dispatch.SourceHolds;
import dev.shotclock.dispatch.TaskOutcomes;
import dev.shotclock.dispatch.DispatchMetrics;
import dev.shotclock.dispatch.QueueMetrics;
import dev.shotclock.dispatch.TaskRecovery;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.NodeRepository;
import dev.shotclock.history.Retention;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.SchedulerStateRepository;
import dev.shotclock.history.WorkflowState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.quartz.QuartzCron;
import dev.shotclock.quartz.QuartzEngine;
import dev.shotclock.config.NotifyEvent;
import dev.shotclock.notify.Alert;
import dev.shotclock.notify.Notifications;
import dev.shotclock.watchdog.Watchdog;
import dev.shotclock.workflow.WorkflowEngine;
import dev.shotclock.workflow.WorkflowMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root and lifecycle of a ShotClock daemon. {@link #start} builds every part in
 * order (lock, pools, schema, scheduler store, recovery, catch-up, firing); {@link #close} takes
 * them down in reverse, giving running steps their grace first.
 */
public final class Daemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  /** How stale the queue gauges may be: one stats query serves every scrape within it. */
  private static final Duration QUEUE_METRICS_MAX_AGE = Duration.ofSeconds(5);
  /** Likewise for the store's size (a file stat and, on H2, one small query). */
  private static final Duration STORE_SIZE_MAX_AGE = Duration.ofSeconds(5);

  /**
   * @param environment what child processes inherit (the daemon's own environment in production)
   * @param schedulerName Quartz scheduler name; tests running several daemons in one JVM vary it
   * @param random jitter of retry backoff, uniform in [0, 1)
   * @param startPaused pause the whole scheduler before anything fires, catch-up included (a
   *     switch-over from cron starts like this, then {@code shotclock resume --all})
   */
  public record Options(Clock clock, Map<String, String> environment, String schedulerName,
      DoubleSupplier random, boolean startPaused) {

    public Options(Clock clock, Map<String, String> environment, String schedulerName, DoubleSupplier random) {
      this(clock, environment, schedulerName, random, false);
    }

    public static Options production() {
      return new Options(Clock.systemUTC(), System.getenv(), "ShotClock", Math::random);
    }

    public Options withStartPaused(boolean paused) {
      return new Options(clock, environment, schedulerName, random, paused);
    }
  }

  private final ConfigSource source;
  private final LiveConfig config;
  private final Options options;
  private final String instanceId = UUID.randomUUID().toString();
  private final InstanceLock lock;
  private HikariDataSource appPool;
  private HikariDataSource quartzPool;
  private Jdbc jdbc;
  private H2Compaction compaction;
  private EventLog events;
  private QuartzEngine quartz;
  private WorkflowEngine engine;
  private AdminServer admin;
  private PrometheusMeterRegistry metrics;
  private Notifications alerts;
  private Queues queues;
  private Dispatcher dispatcher;
  private StoreSize storeSize;
  private StoreGuard storeGuard;
  private Watchdog watchdog;
  private int adminPort;
  private volatile boolean stopped;

  private Daemon(ConfigSource source, ShotClockConfig initial, Options options, InstanceLock lock) {
    this.source = source;
    this.config = new LiveConfig(initial);
    this.options = options;
    this.lock = lock;
  }

  /**
   * Starts a daemon on a loaded configuration.
   *
   * @throws InstanceLock.HeldElsewhere when another daemon owns the store (exit 3)
   */
  public static Daemon start(ShotClockConfig initial, ConfigSource source, Options options)
      throws IOException {
    InstanceLock lock = InstanceLock.acquire(initial.daemon().stateDir());
    Daemon d = new Daemon(source, initial, options, lock);
    try {
      d.startParts();
      return d;
    } catch (RuntimeException | IOException e) {
      d.close();
      throw e;
    }
  }

  private void startParts() throws IOException {
    ShotClockConfig cfg = config.get();
    DaemonSettings s = cfg.daemon();
    Clock clock = options.clock();
    LOG.info("ShotClock starting: node={} config={} state={} store={}{}", s.nodeId(), cfg.configDir(),
        s.stateDir(), s.store().maskedUrl(), s.cluster().enabled()
            ? " cluster (check-in every " + s.cluster().checkinInterval().toMillis() + " ms)" : "");
    StoreOpenCheck.verify(s.store()); // before any pool opens an H2 file read-write
    try {
      lock.lockStore(s.store(), s.cluster().enabled(), s.nodeId());
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot reach the store " + s.store().maskedUrl() + ": " + e.getMessage(), e);
    }
    Dialect dialect = Dialect.forUrl(s.store().url());
    List<String> missing = s.store().missingH2DurabilitySettings();
    if (!missing.isEmpty() && H2StoreFile.of(s.store().url()).isPresent()) {
      LOG.warn("store.url lacks {}: a kill -9 or a crash can lose results the daemon already"
          + " reported (docs/durability.md)", String.join(" and ", missing));
    }
    metrics = Metrics.registry();
    appPool = DataSources.create(s.store(), "shotclock-app", s.store().poolSize(), metrics);
    quartzPool = DataSources.create(s.store(), "shotclock-quartz", s.scheduler().threads() + 3, metrics);
    jdbc = new Jdbc(appPool, dialect);
    compaction = new H2Compaction(new H2FileStore(appPool));
    compaction.start();
    int applied = new Migrator(jdbc, clock).migrate();
    LOG.info("store schema up to date ({} migration(s) applied)", applied);
    storeSize = new StoreSize(jdbc, H2StoreFile.of(s.store().url()), clock, STORE_SIZE_MAX_AGE).register(metrics);
    events = new EventLog(jdbc, clock, s.nodeId());
    alerts = new Notifications(s.notifications(), config, clock);
    QuartzCron cron = new QuartzCron();
    quartz = new QuartzEngine(new QuartzEngine.Settings(options.schedulerName(), s.nodeId(),
        s.scheduler().threads(), s.scheduler().misfireThreshold(), quartzPool,
        dialect == Dialect.POSTGRES, s.cluster().enabled() ? s.cluster().checkinInterval() : null));
    queues = new Queues(config, jdbc, clock);
    engine = new WorkflowEngine(new WorkflowEngine.Settings(s.nodeId(), s.stateDir(), instanceId,
        s.runLogDir(), s.logs().runLogCapBytes(), s.scheduler().maxConcurrentSteps(),
        s.scheduler().killGrace(), s.scheduler().misfireThreshold(), options.environment(),
        s.cluster().enabled()),
        config, jdbc, quartz.launcher(), quartz, cron, events, clock, options.random(),
        new WorkflowMetrics(metrics, clock), alerts,
        AdceSteps.create(config::get, jdbc, queues::within, clock));
    applyWorkflows(cfg.workflows());
    dispatcher = new Dispatcher(config, queues, jdbc, engine.admission(), engine.resources(), quartz.launcher(), clock, s.nodeId(),
        new DispatchMetrics(metrics));
    engine.executor().addListener(new TaskOutcomes(config, queues, new SourceHolds(jdbc), events, clock,
        options.random(), alerts));
    int interrupted = engine.recovery().runOnce();
    int tasksReleased = new TaskRecovery(queues, new RunRepository(jdbc), config, s.nodeId()).runOnce();
    if (tasksReleased > 0) {
      events.warn("TASKS_RELEASED", null, null, tasksReleased + " task(s) left RUNNING by a dead daemon"
          + " were released for a retry");
    }
    if (interrupted > 0) {
      LOG.warn("{} run(s) left RUNNING by a previous daemon were marked INTERRUPTED", interrupted);
    }
    if (options.startPaused()) {
      var paused = engine.pauses().pauseAll("shotclockd --paused", "started paused", null);
      LOG.warn("started paused ({}): nothing fires until `shotclock resume --all`", paused.message());
    }
    engine.slots().runOnce("the daemon was not running");
    Runnable clusterHousekeeping = s.cluster().enabled()
        ? new ClusterHousekeeping(quartz, jdbc, new TaskRecovery(queues, new RunRepository(jdbc), config,
            s.nodeId()), events, clock, s.nodeId(), s.cluster().failureDetection())
        : () -> { };
    Maintenance maintenance = new Maintenance(engine.heartbeats(), clusterHousekeeping,
        engine.queued(), engine.slots(), engine.pauses(), engine.breaker(), dispatcher, queueMetrics(clock), new QueueAlarms(config, queues, alerts, clock), engine.downstream(),
        new Retention(jdbc, clock, s.retention()), clock);
    storeGuard = new StoreGuard(s.store(), lock, quartz, engine.slots(), events, clock);
    watchdog = new WatchdogFactory(this, cron, metrics, storeGuard.outage()).create();
    // Known to the other nodes from the start, not from the first watchdog pass: a node that
    // dies before that pass still shows in their status, as dead.
    new NodeRepository(jdbc).beat(s.nodeId(), instanceId, version(), clock.instant(), clock.instant());
    quartz.start(engine.fires(), List.of(
        new QuartzEngine.SystemTask("maintenance", Maintenance.INTERVAL, maintenance),
        new QuartzEngine.SystemTask("watchdog", s.watchdog().interval(), watchdog),
        new QuartzEngine.SystemTask("dispatcher", cfg.sources().dispatchEvery(), dispatcher)), clock.instant());
    storeGuard.start();
    admin = new AdminServer(new DaemonOperations(this, cron, clock, version()),
        AdminTokens.loadOrCreate(s.stateDir()), clock, s.admin().metricsOpen());
    adminPort = admin.start(s.admin().bind(), s.admin().port(), s.stateDir());
    events.info("DAEMON_STARTED", null, null, "node " + s.nodeId() + " started with "
        + cfg.workflows().size() + " workflow(s), instance " + instanceId);
    alerts.send(new Alert(NotifyEvent.DAEMON_STARTED, null, null, s.nodeId(), "ShotClock started on "
        + s.nodeId(), "node " + s.nodeId() + " started (version " + version() + ") with "
        + cfg.workflows().size() + " workflow(s); " + interrupted + " run(s) were found interrupted by"
        + " a previous crash.", java.util.Map.of(), clock.instant()));
  }

  /**
   * Makes workflow state rows and the Quartz store match {@code workflows}, one node of a
   * cluster at a time.
   */
  private void applyWorkflows(List<WorkflowDef> workflows) {
    try {
      lock.whileNoOtherNodeSyncs(() -> syncWorkflows(workflows));
    } catch (SQLException e) {
      throw new DbException("cannot take the cluster's workflow sync lock: " + e.getMessage(), e);
    }
  }

  private void syncWorkflows(List<WorkflowDef> workflows) {
    Instant now = options.clock().instant();
    WorkflowStateRepository states = new WorkflowStateRepository(jdbc);
    java.util.Map<String, String> hashes = new java.util.LinkedHashMap<>();
    workflows.forEach(wf -> hashes.put(wf.id(), wf.scheduleFingerprint()));
    states.syncAll(hashes, now);
    Set<String> ids = workflows.stream().map(WorkflowDef::id).collect(Collectors.toSet());
    states.deactivateAllExcept(ids, now);
    Set<String> paused = states.all().stream().filter(WorkflowState::paused)
        .map(WorkflowState::workflowId).collect(Collectors.toSet());
    boolean allPaused = new SchedulerStateRepository(jdbc).get().paused();
    String summary = quartz.sync(workflows, paused, allPaused, now);
    LOG.info("scheduler store matches the configuration: {}", summary);
    dropUnstartedRunsOfRemovedWorkflows(ids, now);
  }

  private void dropUnstartedRunsOfRemovedWorkflows(Set<String> ids, Instant now) {
    RunRepository runs = new RunRepository(jdbc);
    for (RunRecord r : runs.scheduledNotQueued()) {
      if (!ids.contains(r.workflowId())) {
        runs.endUnstarted(r.id(), RunState.CANCELLED, "workflow removed from the configuration", now);
      }
    }
    for (String wf : runs.workflowsWithQueuedRuns()) {
      if (!ids.contains(wf)) {
        runs.oldestQueued(wf).ifPresent(r -> runs.endUnstarted(r.id(), RunState.CANCELLED,
            "workflow removed from the configuration", now));
      }
    }
  }

  /**
   * Loads the configuration directory again; if valid and not a dry run, applies the workflow
   * changes at once. Runs already going keep the definition they started with.
   */
  public synchronized ReloadResult reload(boolean dryRun) {
    ShotClockConfig next;
    try {
      next = source.load();
    } catch (ConfigException e) {
      LOG.warn("reload refused: {}", e.getMessage());
      return new ReloadResult(e.lines(), null, false, config.get(), null);
    }
    ShotClockConfig before = config.get();
    ConfigDiff diff = ConfigDiff.between(before, next);
    if (dryRun) {
      return new ReloadResult(List.of(), diff, false, before, next);
    }
    applyWorkflows(next.workflows());
    config.swap(next);
    events.info("CONFIG_RELOADED", null, null, "added " + diff.added() + ", changed "
        + diff.changed() + ", removed " + diff.removed()
        + (diff.restartNeeded().isEmpty() ? "" : "; needs a restart to apply: " + diff.restartNeeded()));
    return new ReloadResult(List.of(), diff, true, before, next);
  }

  public ShotClockConfig config() {
    return config.get();
  }

  LiveConfig liveConfig() {
    return config;
  }

  /** The live configuration holder, for tests that build extra components on this daemon. */
  public LiveConfig liveConfigForTests() {
    return config;
  }

  public Jdbc jdbc() {
    return jdbc;
  }

  public QuartzEngine quartz() {
    return quartz;
  }

  public WorkflowEngine engine() {
    return engine;
  }

  public EventLog events() {
    return events;
  }

  public Queues queues() {
    return queues;
  }

  private QueueMetrics queueMetrics(Clock clock) {
    return new QueueMetrics(() -> queues.current().stats(),
        () -> config.get().sources().sources().keySet(), clock, QUEUE_METRICS_MAX_AGE, metrics).register();
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  StoreSize storeSize() {
    return storeSize;
  }

  Notifications alerts() {
    return alerts;
  }

  public Watchdog watchdog() {
    return watchdog;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  Options options() {
    return options;
  }

  public String instanceId() {
    return instanceId;
  }

  /** The port the admin API listens on. */
  public int adminPort() {
    return adminPort;
  }

  /** The build version from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = Daemon.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /**
   * Stops: no new fires; running steps get {@code shutdown_grace}; then their process groups are
   * terminated and their runs recorded INTERRUPTED; then everything closes. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    DaemonSettings s = config.get().daemon();
    if (storeGuard != null) {
      storeGuard.close();
    }
    if (quartz != null) {
      quietly("standby", quartz::standby);
    }
    if (engine != null) {
      drainRuns(s.scheduler().shutdownGrace(), s.scheduler().killGrace());
      engine.abandonStoreWrites();
    }
    if (quartz != null) {
      quietly("scheduler shutdown", () -> quartz.shutdown(true));
    }
    if (engine != null) {
      engine.close();
    }
    if (admin != null) {
      admin.close();
      quietly("admin port file", () -> deleteQuietly(s.stateDir().resolve("admin.port")));
    }
    if (events != null) {
      quietly("stop event", () -> events.info("DAEMON_STOPPED", null, null, "node " + s.nodeId() + " stopped"));
    }
    if (alerts != null) {
      alerts.send(new Alert(NotifyEvent.DAEMON_STOPPED, null, null, s.nodeId(), "ShotClock stopped on "
          + s.nodeId(), "node " + s.nodeId() + " stopped.", java.util.Map.of(), options.clock().instant()));
      alerts.close();
    }
    if (compaction != null) {
      quietly("store compaction", compaction::atStop);
    }
    closePools();
    quietly("instance lock", () -> {
      try {
        lock.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    LOG.info("ShotClock stopped");
  }

  private void drainRuns(Duration grace, Duration killGrace) {
    try {
      if (!engine.active().isEmpty()) {
        LOG.info("waiting up to {} for {} running run(s)", grace, engine.active().ids().size());
      }
      if (!engine.active().awaitEmpty(grace)) {
        engine.active().cancelAll("INTERRUPTED", "daemon stopping: shutdown_grace of " + grace + " passed");
        engine.active().awaitEmpty(killGrace.plusSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      engine.active().cancelAll("INTERRUPTED", "daemon stopping");
    }
  }

  private void closePools() {
    if (quartzPool != null) {
      quartzPool.close();
    }
    if (appPool != null) {
      appPool.close();
    }
  }

  private static void deleteQuietly(java.nio.file.Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", file, e.getMessage());
    }
  }

  private static void quietly(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("while stopping ({}): {}", what, e.toString());
    }
  }
}
