package dev.shotclock.testsupport;

import dev.shotclock.config.AdminSettings;
import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.DaemonSettings;
import dev.shotclock.config.LogSettings;
import dev.shotclock.config.RetentionSettings;
import dev.shotclock.config.SchedulerSettings;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.config.NotificationSettings;
import dev.shotclock.config.WatchdogSettings;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.daemon.ConfigSource;
import dev.shotclock.daemon.Daemon;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.quartz.QuartzCron;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real daemon in this JVM (real Quartz, real store, real child processes) on a temp state
 * directory, with an injectable clock. {@link #restart} stops it and starts another on the same
 * store, as after a downtime.
 */
public final class DaemonFixture implements AutoCloseable {

  private final Path dir;
  private final StoreSettings store;
  private final Clock clock;
  private final AtomicReference<ShotClockConfig> config = new AtomicReference<>();
  /** What start and reload read: {@link #config}, or a configuration directory on disk. */
  private final ConfigSource source;
  /** Stable across restarts, as in production: Quartz keys its rows by scheduler name. */
  private String schedulerName = "ShotClock-test-" + UUID.randomUUID();
  private String nodeId = "test-node";
  private dev.shotclock.config.ClusterSettings cluster = dev.shotclock.config.ClusterSettings.OFF;
  private Daemon daemon;
  private NotificationSettings notifications = NotificationSettings.NONE;
  private dev.shotclock.config.SourcesConfig sources = dev.shotclock.config.SourcesConfig.NONE;
  private List<dev.shotclock.config.BlackoutWindow> blackouts = List.of();
  private boolean startPaused;
  /** A cluster node's store belongs to the test, which drops it after every node is closed. */
  private boolean sharedStore;
  private WatchdogSettings watchdog = new WatchdogSettings(Duration.ofSeconds(1), Duration.ofMinutes(10), 1L << 20, 2, 2, java.util.List.of(), Duration.ofMinutes(30));

  private DaemonFixture(Path dir, StoreSettings store, Clock clock, ConfigSource source) {
    this.dir = dir;
    this.store = store;
    this.clock = clock;
    this.source = source != null ? source : config::get;
  }

  public static DaemonFixture start(Path dir, TestStores.Kind kind, Clock clock, WorkflowDef... workflows)
      throws IOException {
    return startWith(dir, kind, clock, null, workflows);
  }

  /** Starts with these data sources (conf/sources.yaml). */
  public static DaemonFixture startWithSources(Path dir, TestStores.Kind kind, Clock clock,
      dev.shotclock.config.SourcesConfig sources, WorkflowDef... workflows) throws IOException {
    DaemonFixture f = new DaemonFixture(dir, TestStores.create(kind, dir), clock, null);
    f.sources = sources;
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /** Starts with these data sources and watchdog settings. */
  public static DaemonFixture startWith(Path dir, TestStores.Kind kind, Clock clock, WatchdogSettings watchdog,
      dev.shotclock.config.SourcesConfig sources, WorkflowDef... workflows) throws IOException {
    return startWith(dir, kind, clock, watchdog, sources, NotificationSettings.NONE, workflows);
  }

  /** Starts with these data sources, watchdog settings and notifiers. */
  public static DaemonFixture startWith(Path dir, TestStores.Kind kind, Clock clock, WatchdogSettings watchdog,
      dev.shotclock.config.SourcesConfig sources, NotificationSettings notifications, WorkflowDef... workflows)
      throws IOException {
    DaemonFixture f = new DaemonFixture(dir, TestStores.create(kind, dir), clock, null);
    f.watchdog = watchdog;
    f.sources = sources;
    f.notifications = notifications;
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /** Starts as {@code shotclockd --paused} does. */
  public static DaemonFixture startPaused(Path dir, TestStores.Kind kind, Clock clock, WorkflowDef... workflows)
      throws IOException {
    DaemonFixture f = new DaemonFixture(dir, TestStores.create(kind, dir), clock, null);
    f.startPaused = true;
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /** Starts with these notifiers. */
  public static DaemonFixture startNotifying(Path dir, TestStores.Kind kind, Clock clock,
      NotificationSettings notifications, WorkflowDef... workflows) throws IOException {
    DaemonFixture f = new DaemonFixture(dir, TestStores.create(kind, dir), clock, null);
    f.notifications = notifications;
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /**
   * One node of a cluster: {@code store} is the PostgreSQL store shared by every node (the caller
   * creates and drops it), {@code schedulerName} the same on every node, {@code dir} this node's
   * own (state directory, run logs).
   */
  public static DaemonFixture startClusterNode(Path dir, StoreSettings store, String schedulerName,
      String nodeId, dev.shotclock.config.ClusterSettings cluster, Clock clock, WorkflowDef... workflows)
      throws IOException {
    DaemonFixture f = new DaemonFixture(dir, store, clock, null);
    f.schedulerName = schedulerName;
    f.nodeId = nodeId;
    f.cluster = cluster;
    f.sharedStore = true;
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /** Starts with these watchdog settings (null = ticks every second, 10 min stall timeout). */
  public static DaemonFixture startWith(Path dir, TestStores.Kind kind, Clock clock,
      WatchdogSettings watchdog, WorkflowDef... workflows) throws IOException {
    DaemonFixture f = new DaemonFixture(dir, TestStores.create(kind, dir), clock, null);
    if (watchdog != null) {
      f.watchdog = watchdog;
    }
    f.config.set(f.config(List.of(workflows)));
    f.daemon = f.startDaemon();
    return f;
  }

  /**
   * A daemon on a real configuration directory, as {@code bin/shotclockd --config confDir} starts
   * it: loaded by the real {@link ConfigLoader} (real cron checks, {@code ${VAR}} from {@code
   * environment}), and every reload reads the files again. Store, state directory and admin port
   * come from {@code confDir/shotclock.yaml} (write {@code admin: {port: 0}} there).
   */
  public static DaemonFixture startFromConfigDir(Path confDir, Map<String, String> environment, Clock clock)
      throws IOException {
    ConfigLoader loader = new ConfigLoader(new QuartzCron(), environment, "test-node");
    DaemonFixture f = new DaemonFixture(confDir.getParent(), null, clock, () -> loader.load(confDir));
    f.config.set(loader.load(confDir));
    f.daemon = f.startDaemon();
    return f;
  }

  private ShotClockConfig config(List<WorkflowDef> workflows) {
    Path state = dir.resolve("var");
    DaemonSettings s = new DaemonSettings(nodeId, state, store,
        new SchedulerSettings(6, 5, Duration.ofSeconds(60), Duration.ofSeconds(5),
            Duration.ofSeconds(2), ZoneId.of("UTC"), blackouts),
        new AdminSettings("127.0.0.1", 0, false),
        new LogSettings(state.resolve("logs"), 10L * 1024 * 1024),
        RetentionSettings.DEFAULT, watchdog, notifications, cluster);
    return new ShotClockConfig(dir.resolve("conf"), s, workflows, sources);
  }

  private Daemon startDaemon() throws IOException {
    Daemon.Options options = new Daemon.Options(clock, Map.of("PATH", System.getenv("PATH")),
        schedulerName, () -> 0.5).withStartPaused(startPaused);
    return Daemon.start(config.get(), source, options);
  }

  /** Stops the daemon (graceful) and starts a new one on the same store with these workflows. */
  public void restart(WorkflowDef... workflows) throws IOException {
    requireInMemoryConfig();
    daemon.close();
    config.set(config(List.of(workflows)));
    daemon = startDaemon();
  }

  /** Replaces the workflows that the next {@code reload} will load. */
  public void editConfig(WorkflowDef... workflows) {
    requireInMemoryConfig();
    config.set(config(List.of(workflows)));
  }

  private void requireInMemoryConfig() {
    if (store == null) {
      throw new IllegalStateException("this daemon reads a configuration directory: edit its files");
    }
  }

  public String nodeId() {
    return nodeId;
  }

  public Daemon daemon() {
    return daemon;
  }

  public Path stateDir() {
    return daemon.config().daemon().stateDir();
  }

  public RunRepository runs() {
    return new RunRepository(daemon.jdbc());
  }

  public List<RunRecord> runs(String workflowId) {
    return runs().list(workflowId, null, 10_000);
  }

  public List<RunRecord> runs(String workflowId, RunState state) {
    return runs().list(workflowId, state, 10_000);
  }

  public List<StepRunRecord> steps(long runId) {
    return new StepRunRepository(daemon.jdbc()).forRun(runId);
  }

  /** Starts a manual run the way the admin API does; returns its id. */
  public long trigger(String workflowId, Map<String, String> params) {
    WorkflowDef wf = daemon.config().workflow(workflowId).orElseThrow();
    var d = daemon.engine().admission().admitRequest(wf, dev.shotclock.history.TriggerKind.MANUAL,
        params, null, "test", null);
    if (d.kind() == dev.shotclock.workflow.Admission.Kind.RUN_NOW) {
      daemon.quartz().launcher().launchNow(workflowId, d.runId());
    }
    return d.runId();
  }

  /** Waits until the run has ended and returns it. */
  public RunRecord awaitEnd(long runId, Duration atMost) {
    org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
        .until(() -> runs().find(runId).orElseThrow().state().isTerminal());
    return runs().find(runId).orElseThrow();
  }

  /** Triggers a run and waits for its end. */
  public RunRecord runToEnd(String workflowId, Duration atMost) {
    return awaitEnd(trigger(workflowId, Map.of()), atMost);
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.close();
    }
    if (store != null && !sharedStore) {
      TestStores.drop(store);
    }
  }
}
