package dev.shotclock.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code conf/shotclock.yaml} configures. Paths are absolute once loaded.
 *
 * @param nodeId stable name of this node; Quartz instance id and the {@code node_id} of its runs
 * @param stateDir H2 files, run logs, admin port and token, the single-instance lock
 * @param cluster whether this node is one of several on one PostgreSQL store
 */
public record DaemonSettings(
    String nodeId,
    Path stateDir,
    StoreSettings store,
    SchedulerSettings scheduler,
    AdminSettings admin,
    LogSettings logs,
    RetentionSettings retention,
    WatchdogSettings watchdog,
    NotificationSettings notifications,
    ClusterSettings cluster) {

  public DaemonSettings {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(watchdog, "watchdog");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(cluster, "cluster");
  }

  /** Where run logs go: {@code <logs.dir>/runs/<workflow>/<run-id>.log}. */
  public Path runLogDir() {
    return logs.dir().resolve("runs");
  }
}
