package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds {@code conf/shotclock.yaml}; every section and key is optional. */
final class DaemonSettingsBinder {

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final String NODE_ID_RULE = "must be 1 to 100 letters, digits, '.', '_' or '-'";

  /** Only names that cannot mean another machine: the admin API can pause and trigger anything. */
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "localhost");

  private final Path configDir;
  private final String hostname;

  DaemonSettingsBinder(Path configDir, String hostname) {
    this.configDir = configDir;
    this.hostname = hostname;
  }

  DaemonSettings bind(ConfigFile file) {
    file.paramRefs()
        .forEach(
            ref ->
                file.problem(
                    ref, "${param." + ref.name() + "} can only be used in workflow files"));
    return file.root().object(this::daemon);
  }

  private DaemonSettings daemon(YamlMap m) {
    String nodeId = nodeId(m.get("node_id"));
    Path stateDir =
        m.get("state_dir").path(configDir).orElse(configDir.resolve("../var").normalize());
    StoreSettings store = m.get("store").object(s -> store(s, stateDir));
    return new DaemonSettings(
        nodeId,
        stateDir,
        store,
        m.get("scheduler").object(this::scheduler),
        m.get("admin").object(this::admin),
        m.get("logs").object(logs -> logs(logs, stateDir)),
        m.get("retention").object(this::retention),
        m.get("watchdog").object(this::watchdog),
        m.get("notifications").object(NotificationsBinder::bind),
        m.get("cluster").object(c -> cluster(c, store)));
  }

  private String nodeId(Value v) {
    if (v.isPresent()) {
      return v.matching(NODE_ID, NODE_ID_RULE).orElse(hostname);
    }
    if (!NODE_ID.matcher(hostname).matches()) {
      v.problem(
          "the host name '"
              + hostname
              + "' is not a valid node id ("
              + NODE_ID_RULE
              + "); set node_id");
    }
    return hostname;
  }

  private StoreSettings store(YamlMap m, Path stateDir) {
    Value urlValue = m.get("url");
    String url =
        urlValue
            .string()
            .filter(
                urlValue.must(
                    u -> u.startsWith("jdbc:h2:") || u.startsWith("jdbc:postgresql:"),
                    "must start with jdbc:h2: or jdbc:postgresql:"))
            .orElse(StoreSettings.defaultH2Url(stateDir));
    boolean h2 = url.startsWith("jdbc:h2:");
    return new StoreSettings(
        url,
        m.get("username").string().orElse(h2 ? "sa" : null),
        m.get("password").string().orElse(h2 ? "" : null),
        m.get("pool_size").integer(1, 200).orElse(10),
        m.get("connect_timeout").positiveDuration().orElse(Duration.ofSeconds(10)),
        m.get("socket_timeout").positiveDuration().orElse(Duration.ofSeconds(60)),
        m.get("validation_timeout").positiveDuration().orElse(Duration.ofSeconds(5)));
  }

  private ClusterSettings cluster(YamlMap m, StoreSettings store) {
    ClusterSettings d = ClusterSettings.OFF;
    Value enabled = m.get("enabled");
    boolean on = enabled.bool().orElse(false);
    if (on && store != null && !store.isPostgres()) {
      enabled.problem("a cluster needs a PostgreSQL store: set store.url to a jdbc:postgresql: URL"
          + " shared by every node (an H2 file belongs to one process)");
    }
    return new ClusterSettings(on,
        m.get("checkin_interval").durationAtLeast(Duration.ofSeconds(1)).orElse(d.checkinInterval()),
        m.get("max_clock_skew").positiveDuration().orElse(d.maxClockSkew()));
  }

  private SchedulerSettings scheduler(YamlMap m) {
    ZoneId zone = m.get("time_zone").zone().orElse(ZoneId.of("UTC"));
    return new SchedulerSettings(
        m.get("threads").integer(1, 200).orElse(10),
        m.get("max_concurrent").integer(1, 1000).orElse(5),
        m.get("misfire_threshold")
            .durationAtLeast(Duration.ofSeconds(1))
            .orElse(Duration.ofSeconds(60)),
        m.get("shutdown_grace").duration().orElse(Duration.ofSeconds(30)),
        m.get("kill_grace").duration().orElse(Duration.ofSeconds(10)),
        zone,
        BlackoutBinder.bind(m.get("blackouts"), zone));
  }

  private AdminSettings admin(YamlMap m) {
    Value bind = m.get("bind");
    return new AdminSettings(
        bind.string()
            .map(b -> b.toLowerCase(Locale.ROOT))
            .filter(
                bind.must(
                    LOOPBACK::contains,
                    "must be a loopback address (127.0.0.1, ::1 or"
                        + " localhost) so that the admin API never listens beyond this machine"))
            .orElse("127.0.0.1"),
        m.get("port").integer(0, 65535).orElse(8080),
        m.get("metrics_open").bool().orElse(false));
  }

  private LogSettings logs(YamlMap m, Path stateDir) {
    return new LogSettings(
        m.get("dir").path(configDir).orElse(stateDir.resolve("logs")),
        m.get("run_log_cap").size().orElse(50L << 20));
  }

  private WatchdogSettings watchdog(YamlMap m) {
    WatchdogSettings d = WatchdogSettings.DEFAULT;
    return new WatchdogSettings(
        m.get("interval").durationAtLeast(Duration.ofSeconds(1)).orElse(d.interval()),
        m.get("stall_timeout").positiveDuration().orElse(d.stallTimeout()),
        m.get("min_free").size().orElse(d.minFreeBytes()),
        m.get("down_after").integer(1, 100).orElse(d.downAfter()),
        m.get("up_after").integer(1, 100).orElse(d.upAfter()),
        m.get("data_paths").list().stream().map(v -> v.path(configDir).orElse(null))
            .filter(java.util.Objects::nonNull).toList(),
        m.get("critical_pending_max").positiveDuration().orElse(d.criticalPendingMax()),
        m.get("store_max_size").size().orElse(d.storeMaxBytes()),
        storeShare(m.get("store_max_share_of_free")).orElse(d.storeMaxShareOfFree()));
  }

  private static java.util.Optional<Double> storeShare(Value v) {
    return v.fraction().filter(v.must(f -> f > 0, "must be more than 0"));
  }

  private RetentionSettings retention(YamlMap m) {
    RetentionSettings d = RetentionSettings.DEFAULT;
    return new RetentionSettings(
        m.get("max_age").positiveDuration().orElse(d.maxAge()),
        m.get("max_runs_per_workflow").integer(1, Integer.MAX_VALUE).orElse(d.maxRunsPerWorkflow()),
        m.get("keep_last").integer(1, Integer.MAX_VALUE).orElse(d.keepLast()),
        m.get("skipped_max_age").positiveDuration().orElse(d.skippedMaxAge()),
        m.get("skipped_max_per_workflow").integer(1, Integer.MAX_VALUE).orElse(d.skippedMaxPerWorkflow()));
  }
}
