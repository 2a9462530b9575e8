package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsLoadingTest {

  @TempDir Path tmp;

  @Test
  void an_empty_config_directory_gives_every_default() {
    ShotClockConfig config = new ConfigDir(tmp).load();

    Path var = tmp.resolve("var");
    DaemonSettings d = config.daemon();
    assertThat(config.configDir()).isEqualTo(tmp.resolve("conf"));
    assertThat(config.workflows()).isEmpty();
    assertThat(d.nodeId()).isEqualTo(ConfigDir.HOSTNAME);
    assertThat(d.stateDir()).isEqualTo(var);
    assertThat(d.store())
        .isEqualTo(
            new StoreSettings(
                "jdbc:h2:retry:" + var.resolve("db/shotclock") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                "sa",
                "",
                10,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(5)));
    assertThat(d.scheduler())
        .isEqualTo(
            new SchedulerSettings(
                10,
                5,
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                ZoneId.of("UTC"),
                java.util.List.of()));
    assertThat(d.admin()).isEqualTo(new AdminSettings("127.0.0.1", 8080, false));
    assertThat(d.logs()).isEqualTo(new LogSettings(var.resolve("logs"), 50L * 1024 * 1024));
    assertThat(d.retention()).isEqualTo(
        new RetentionSettings(Duration.ofDays(30), 1000, 20, Duration.ofDays(7), 200));
  }

  @Test
  void cluster_mode_is_off_by_default_and_binds_its_settings() {
    assertThat(new ConfigDir(tmp).load().daemon().cluster()).isEqualTo(ClusterSettings.OFF);

    DaemonSettings d = new ConfigDir(tmp).settings("""
        node_id: node-a
        store:
          url: jdbc:postgresql://db.internal:5432/shotclock
        cluster:
          enabled: true
          checkin_interval: 3s
          max_clock_skew: 500ms
        """).load().daemon();

    assertThat(d.cluster()).isEqualTo(new ClusterSettings(true, Duration.ofSeconds(3), Duration.ofMillis(500)));
    assertThat(d.cluster().failureDetection()).isEqualTo(Duration.ofMillis(13_500));
  }

  @Test
  void a_cluster_on_an_embedded_store_is_refused_with_the_reason() {
    assertThat(new ConfigDir(tmp).settings("""
        cluster:
          enabled: true
          checkin_interval: 500ms
          max_clock_skew: 0s
          members: 3
        """).problems())
        .containsExactly(
            "conf/shotclock.yaml:2 cluster.enabled: a cluster needs a PostgreSQL store: set store.url to"
                + " a jdbc:postgresql: URL shared by every node (an H2 file belongs to one process)",
            "conf/shotclock.yaml:3 cluster.checkin_interval: must be at least 1s, got '500ms'",
            "conf/shotclock.yaml:4 cluster.max_clock_skew: must be more than 0, got '0s'",
            "conf/shotclock.yaml:5 cluster: unknown key 'members'; valid keys: enabled, checkin_interval,"
                + " max_clock_skew");
  }

  @Test
  void an_empty_settings_file_gives_the_same_defaults_as_none() {
    DaemonSettings withoutFile = new ConfigDir(tmp).load().daemon();

    DaemonSettings withEmptyFile = new ConfigDir(tmp).settings("# nothing yet\n").load().daemon();

    assertThat(withEmptyFile).isEqualTo(withoutFile);
  }

  @Test
  void every_setting_is_read() {
    DaemonSettings d =
        new ConfigDir(tmp)
            .settings(
                """
                node_id: box-1.example
                state_dir: /srv/shotclock/state/../var
                store:
                  url: jdbc:postgresql://db:5432/shotclock
                  pool_size: 20
                  connect_timeout: 3s
                  socket_timeout: 2m
                  validation_timeout: 1500ms
                scheduler:
                  threads: 4
                  max_concurrent: 8
                  misfire_threshold: 1s
                  shutdown_grace: 0
                  kill_grace: 5s
                  time_zone: America/Chicago
                admin:
                  bind: ::1
                  port: 0
                  metrics_open: true
                logs:
                  dir: ../logs
                  run_log_cap: 64KB
                retention:
                  max_age: 7d
                  max_runs_per_workflow: 50
                  keep_last: 5
                  skipped_max_age: 2d
                  skipped_max_per_workflow: 30
                """)
            .load()
            .daemon();

    assertThat(d.nodeId()).isEqualTo("box-1.example");
    assertThat(d.stateDir()).isEqualTo(Path.of("/srv/shotclock/var"));
    assertThat(d.store())
        .isEqualTo(
            new StoreSettings(
                "jdbc:postgresql://db:5432/shotclock",
                null,
                null,
                20,
                Duration.ofSeconds(3),
                Duration.ofMinutes(2),
                Duration.ofMillis(1500)));
    assertThat(d.scheduler())
        .isEqualTo(
            new SchedulerSettings(
                4,
                8,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofSeconds(5),
                ZoneId.of("America/Chicago"),
                java.util.List.of()));
    assertThat(d.admin()).isEqualTo(new AdminSettings("::1", 0, true));
    assertThat(d.logs()).isEqualTo(new LogSettings(tmp.resolve("logs"), 64 * 1024));
    assertThat(d.retention())
        .isEqualTo(new RetentionSettings(Duration.ofDays(7), 50, 5, Duration.ofDays(2), 30));
  }

  @Test
  void relative_paths_resolve_against_the_config_directory() {
    DaemonSettings d = new ConfigDir(tmp).settings("state_dir: state\n").load().daemon();

    assertThat(d.stateDir()).isEqualTo(tmp.resolve("conf/state"));
    assertThat(d.logs().dir()).isEqualTo(tmp.resolve("conf/state/logs"));
    assertThat(d.store().url())
        .isEqualTo(
            "jdbc:h2:retry:" + tmp.resolve("conf/state/db/shotclock") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE");
  }

  @Test
  void h2_credentials_can_be_set() {
    StoreSettings store =
        new ConfigDir(tmp)
            .settings(
                """
                store: {url: "jdbc:h2:mem:test", username: admin, password: s3cret}
                """)
            .load()
            .daemon()
            .store();

    assertThat(store.username()).isEqualTo("admin");
    assertThat(store.password()).isEqualTo("s3cret");
  }

  @Test
  void localhost_is_a_loopback_name_in_any_case() {
    assertThat(
            new ConfigDir(tmp)
                .settings("admin: {bind: LocalHost}\n")
                .load()
                .daemon()
                .admin()
                .bind())
        .isEqualTo("localhost");
  }

  @Test
  void every_out_of_range_or_malformed_setting_is_reported() {
    assertThat(
            new ConfigDir(tmp)
                .settings(
                    """
                    node_id: "bad id"
                    state_dir: ""
                    store:
                      url: jdbc:mysql://db/shotclock
                      pool_size: 201
                      connect_timeout: 0s
                      socket_timeout: 60
                      validation_timeout: -5s
                    scheduler:
                      threads: 0
                      max_concurrent: 1001
                      misfire_threshold: 500ms
                      shutdown_grace: soon
                      kill_grace: 1.5s
                      time_zone: America/Chicgo
                    admin:
                      bind: 0.0.0.0
                      port: 70000
                      metrics_open: maybe
                    logs:
                      run_log_cap: 5TB
                    retention:
                      max_age: 0
                      max_runs_per_workflow: 0
                      keep_last: 0
                      skipped_max_age: 1 week
                      skipped_max_per_workflow: -3
                    """)
                .problems())
        .containsExactly(
            "conf/shotclock.yaml:1 node_id: must be 1 to 100 letters, digits, '.', '_' or '-', got"
                + " 'bad id'",
            "conf/shotclock.yaml:2 state_dir: must not be empty",
            "conf/shotclock.yaml:4 store.url: must start with jdbc:h2: or jdbc:postgresql:, got"
                + " 'jdbc:mysql://db/shotclock'",
            "conf/shotclock.yaml:5 store.pool_size: must be between 1 and 200, got '201'",
            "conf/shotclock.yaml:6 store.connect_timeout: must be more than 0, got '0s'",
            "conf/shotclock.yaml:7 store.socket_timeout: add a unit: 60s",
            "conf/shotclock.yaml:8 store.validation_timeout: must not be negative",
            "conf/shotclock.yaml:10 scheduler.threads: must be between 1 and 200, got '0'",
            "conf/shotclock.yaml:11 scheduler.max_concurrent: must be between 1 and 1000, got"
                + " '1001'",
            "conf/shotclock.yaml:12 scheduler.misfire_threshold: must be at least 1s, got '500ms'",
            "conf/shotclock.yaml:13 scheduler.shutdown_grace: invalid duration 'soon'; use e.g."
                + " 500ms, 90s, 30m, 2h, 1d or 1h30m",
            "conf/shotclock.yaml:14 scheduler.kill_grace: invalid duration '1.5s'; use e.g. 500ms,"
                + " 90s, 30m, 2h, 1d or 1h30m",
            "conf/shotclock.yaml:15 scheduler.time_zone: unknown time zone 'America/Chicgo'; did"
                + " you mean 'America/Chicago'?",
            "conf/shotclock.yaml:17 admin.bind: must be a loopback address (127.0.0.1, ::1 or"
                + " localhost) so that the admin API never listens beyond this machine, got"
                + " '0.0.0.0'",
            "conf/shotclock.yaml:18 admin.port: must be between 0 and 65535, got '70000'",
            "conf/shotclock.yaml:19 admin.metrics_open: expected true or false, got 'maybe'",
            "conf/shotclock.yaml:21 logs.run_log_cap: invalid size '5TB'; use e.g. 512, 64KB, 50MB"
                + " or 1GB",
            "conf/shotclock.yaml:23 retention.max_age: must be more than 0, got '0'",
            "conf/shotclock.yaml:24 retention.max_runs_per_workflow: must be at least 1, got '0'",
            "conf/shotclock.yaml:25 retention.keep_last: must be at least 1, got '0'",
            "conf/shotclock.yaml:26 retention.skipped_max_age: invalid duration '1 week'; use e.g."
                + " 500ms, 90s, 30m, 2h, 1d or 1h30m",
            "conf/shotclock.yaml:27 retention.skipped_max_per_workflow: must be at least 1, got '-3'");
  }

  @Test
  void a_routable_admin_address_is_refused() {
    assertThat(new ConfigDir(tmp).settings("admin:\n  bind: 192.168.1.5\n").problems())
        .singleElement()
        .asString()
        .startsWith("conf/shotclock.yaml:2 admin.bind: must be a loopback address");
  }

  @Test
  void a_zero_run_log_cap_is_refused() {
    assertThat(new ConfigDir(tmp).settings("logs: {run_log_cap: 0}\n").problems())
        .containsExactly("conf/shotclock.yaml:1 logs.run_log_cap: must be more than 0, got '0'");
  }

  @Test
  void a_misspelt_key_suggests_the_right_one_at_every_level() {
    assertThat(
            new ConfigDir(tmp)
                .settings(
                    """
                    schedular:
                      threads: 2
                    store:
                      pool-size: 3
                    """)
                .problems())
        .containsExactly(
            "conf/shotclock.yaml:1 unknown key 'schedular'; did you mean 'scheduler'?",
            "conf/shotclock.yaml:4 store: unknown key 'pool-size'; did you mean 'pool_size'?");
  }

  @Test
  void an_unknown_key_far_from_any_lists_the_valid_ones() {
    assertThat(new ConfigDir(tmp).settings("admin: {colour: blue}\n").problems())
        .containsExactly(
            "conf/shotclock.yaml:1 admin: unknown key 'colour'; valid keys: bind, port,"
                + " metrics_open");
  }

  @Test
  void a_section_of_the_wrong_shape_is_reported_and_defaults_apply_to_the_rest() {
    assertThat(
            new ConfigDir(tmp)
                .settings("store: jdbc:h2:mem:x\nadmin: {port: 1}\nretention: [1]\n")
                .problems())
        .containsExactly(
            "conf/shotclock.yaml:1 store: expected a mapping of keys, got 'jdbc:h2:mem:x'",
            "conf/shotclock.yaml:3 retention: expected a mapping of keys, got a list");
  }

  @Test
  void a_quoted_number_is_not_a_number() {
    assertThat(new ConfigDir(tmp).settings("admin: {port: \"8080\"}\n").problems())
        .containsExactly("conf/shotclock.yaml:1 admin.port: expected a whole number, got '8080'");
  }

  @Test
  void a_number_from_the_environment_is_a_number() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .environment(Map.of("ADMIN_PORT", "9090"))
            .settings("admin:\n  port: ${ADMIN_PORT}\nscheduler:\n  threads: ${THREADS:-3}\n");

    AdminSettings admin = dir.load().daemon().admin();

    assertThat(admin.port()).isEqualTo(9090);
    assertThat(dir.load().daemon().scheduler().threads()).isEqualTo(3);
  }

  @Test
  void a_host_name_that_is_not_a_valid_node_id_must_be_overridden() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                new ConfigLoader(ConfigDir.FAKE_CRON, Map.of(), "my host")
                    .load(new ConfigDir(tmp).dir));

    assertThat(e.lines())
        .containsExactly(
            "conf/shotclock.yaml node_id: the host name 'my host' is not a valid"
                + " node id (must be 1 to 100 letters, digits, '.', '_' or '-'); set node_id");
  }

  @Test
  void parameter_references_belong_in_workflow_files_only() {
    assertThat(new ConfigDir(tmp).settings("node_id: ${param.node}\n").problems())
        .containsExactly(
            "conf/shotclock.yaml:1 node_id: ${param.node} can only be used in workflow files",
            "conf/shotclock.yaml:1 node_id: must be 1 to 100 letters, digits, '.', '_' or '-', got"
                + " '${param.node}'");
  }

  @Test
  void a_missing_config_directory_is_a_problem() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                new ConfigLoader(ConfigDir.FAKE_CRON, Map.of(), "h").load(tmp.resolve("nowhere")));

    assertThat(e.lines())
        .containsExactly(
            "the configuration directory " + tmp.resolve("nowhere") + " does not exist");
  }
}
