package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.testsupport.Installation;
import dev.shotclock.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon through {@code bin/}: started as a process, driven with {@code bin/shotclock},
 * killed with SIGKILL, restarted; what survived is checked from outside.
 */
class DaemonE2ETest {

  @TempDir Path dir;
  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void killDaemons() throws InterruptedException {
    for (Process p : daemons) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private Process start(Path conf) throws Exception {
    Process p = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    daemons.add(p);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(p.isAlive()).as("daemon alive; log:\n%s", log()).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
    return p;
  }

  private String log() throws Exception {
    Path log = dir.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static JsonNode runs(Path conf, String workflow) throws Exception {
    Installation.Result r = cli(conf, "--json", "runs", workflow, "--limit", "100");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.json();
  }

  private static long count(JsonNode runs, String state) {
    long n = 0;
    for (JsonNode r : runs) {
      if (r.get("state").asText().equals(state)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void a_two_second_workflow_completes_three_runs_and_sigterm_exits_0() throws Exception {
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of("tick.yaml", """
        id: tick
        triggers: [ { cron: "0/2 * * * * ?" } ]
        steps:
          - id: a
            run: [sh, -c, "echo tick $SHOTCLOCK_RUN_ID"]
          - id: b
            run: [sh, -c, "echo tock"]
            depends_on: [a]
        """));
    Process daemon = start(conf);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> count(runs(conf, "tick"), "SUCCEEDED") >= 3);
    JsonNode first = runs(conf, "tick").get(0);
    Installation.Result logs = cli(conf, "logs", first.get("id").asText());
    assertThat(logs.stdout()).contains("[a] tick " + first.get("id").asText()).contains("[b] tock");
    daemon.destroy();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM; log:\n%s", log()).isTrue();
    assertThat(daemon.exitValue()).as(log()).isZero();
  }

  @Test
  void kill_9_during_a_long_step_then_restart_interrupts_and_reruns_it_and_no_child_survives() throws Exception {
    Path marker = dir.resolve("first-attempt-started");
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of("long.yaml", """
        id: long
        steps:
          - id: prepare
            run: [sh, -c, "echo prepared"]
          - id: crunch
            depends_on: [prepare]
            # First attempt: a grandchild and a child that sleep a long time. Second: done at once.
            run: [sh, -c, "if [ -f %1$s ]; then echo resumed; exit 0; fi; touch %1$s; sleep 1000 & sleep 1000; wait"]
        """.formatted(marker)));
    Process first = start(conf);
    Installation.Result trig = cli(conf, "--json", "trigger", "long");
    assertThat(trig.exitCode()).as(trig.stderr()).isZero();
    String runId = trig.json().get("run_id").asText();
    Path stateDir = dir.resolve("var").toAbsolutePath();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + stateDir).size() >= 3);
    List<Long> children = Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + stateDir);

    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(children).as("children outlive a SIGKILLed daemon until it restarts")
        .anyMatch(Processes::isAlive);

    start(conf);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(children).noneMatch(Processes::isAlive));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode run = cli(conf, "--json", "show", runId).json().get("run");
      assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
      assertThat(run.get("attempt").asInt()).isEqualTo(2);
    });
    JsonNode detail = cli(conf, "--json", "show", runId).json();
    List<String> stepStates = new ArrayList<>();
    detail.get("steps").forEach(s -> stepStates.add(s.get("step_id").asText() + "#" + s.get("run_attempt").asInt()
        + ":" + s.get("state").asText()));
    assertThat(stepStates).contains("prepare#1:SUCCEEDED", "crunch#1:INTERRUPTED", "crunch#2:SUCCEEDED")
        .doesNotContain("prepare#2:SUCCEEDED");
    List<String> events = new ArrayList<>();
    detail.get("events").forEach(e -> events.add(e.get("kind").asText()));
    assertThat(events).contains("RUN_INTERRUPTED", "ORPHAN_KILLED", "RUN_RERUN");
  }

  @Test
  void a_second_daemon_on_the_same_store_exits_3_with_a_clear_message() throws Exception {
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of());
    start(conf);
    Process second = Installation.startDaemon(conf, dir.resolve("second.log"));
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("second.log"))).contains("already running");
  }

  @Test
  void an_invalid_configuration_exits_2_naming_file_line_and_field() throws Exception {
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of("bad.yaml", """
        id: bad
        steps:
          - id: a
            run: [sh, -c, "true"]
            timeout: -5s
          - id: b
            run: [sh, -c, "true"]
            depends_on: [nope]
        """));
    Process daemon = Installation.startDaemon(conf, dir.resolve("bad.log"));
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isEqualTo(2);
    String out = Files.readString(dir.resolve("bad.log"));
    assertThat(out).contains("bad.yaml:5 steps[0].timeout").contains("bad.yaml:8 steps[1].depends_on");
    Installation.Result validate = cli(conf, "validate");
    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.stderr()).contains("bad.yaml:5 steps[0].timeout");
  }

  @Test
  void sigterm_during_a_step_interrupts_the_run_after_the_grace_and_leaves_no_child() throws Exception {
    Path conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of("stuck.yaml", """
        id: stuck
        steps:
          - id: forever
            run: [sh, -c, "sleep 1000 & sleep 1000; wait"]
        """));
    Process daemon = start(conf);
    String runId = cli(conf, "--json", "trigger", "stuck").json().get("run_id").asText();
    Path stateDir = dir.resolve("var").toAbsolutePath();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + stateDir).size() >= 3);
    List<Long> children = Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + stateDir);
    daemon.destroy();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).as(log()).isZero();
    assertThat(children).noneMatch(Processes::isAlive);
    start(conf);
    JsonNode run = cli(conf, "--json", "show", runId).json().get("run");
    assertThat(run.get("state").asText()).isEqualTo("INTERRUPTED");
  }

  /**
   * A stop requested while the daemon starts (systemd stopping a unit that is still starting, or
   * an operator's Ctrl-C) must not take the JVM's default path: H2's shutdown hook closed the store
   * under the starting daemon and the JVM exited 143. 500 workflows make the start long enough
   * (their sync into Quartz) for the signal to land inside it, after the schema migration.
   */
  @Test
  void sigterm_during_start_up_finishes_the_start_then_stops_cleanly_and_exits_0() throws Exception {
    Path conf = manyWorkflows(500);
    Process daemon = startedUpToTheSchema(conf);
    daemon.destroy();
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM; log:\n%s", log()).isTrue();
    String log = log();
    assertThat(daemon.exitValue()).as(log).isZero();
    assertThat(log).as("the signal landed inside the start").contains("stop signal received during start-up")
        .contains("ShotClock stopped")
        .doesNotContain("Database is already closed").doesNotContain("Shutdown in progress");
    start(conf);
    Installation.Result listed = cli(conf, "--json", "workflows");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    assertThat(listed.json()).hasSize(500);
  }

  /** A start that hangs must stay stoppable: the second SIGTERM during start-up exits at once. */
  @Test
  void a_second_sigterm_during_start_up_exits_at_once_with_143() throws Exception {
    Path conf = manyWorkflows(500);
    Process daemon = startedUpToTheSchema(conf);
    daemon.destroy();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> log().contains("stop signal received (SIGTERM)"));
    daemon.destroy();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("exited; log:\n%s", log()).isTrue();
    assertThat(daemon.exitValue()).as(log()).isEqualTo(143);
    assertThat(log()).contains("second stop signal (SIGTERM) during start-up");
  }

  /** SIGHUP reloads the configuration of a running daemon, as `shotclock reload` does. */
  @Test
  void sighup_reloads_the_configuration() throws Exception {
    Path conf = manyWorkflows(1);
    Process daemon = start(conf);
    addWorkflowAndSendSighup(conf, daemon);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(cli(conf, "--json", "workflows").json().findValuesAsText("id")).contains("added", "w0"));
    assertThat(daemon.isAlive()).isTrue();
    assertThat(log()).contains("SIGHUP reload applied");
  }

  /**
   * A SIGHUP during the start (an operator's edit plus `systemctl reload` while the unit starts)
   * is held back and applied once the start has finished: the start may have read the files before.
   */
  @Test
  void sighup_during_start_up_reloads_once_the_start_has_finished() throws Exception {
    Path conf = manyWorkflows(500);
    Process daemon = startedUpToTheSchema(conf);
    addWorkflowAndSendSighup(conf, daemon);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> log().contains("SIGHUP reload applied"));
    assertThat(log()).as("the signal landed inside the start")
        .contains("SIGHUP received during start-up").contains("added=[added]");
    assertThat(daemon.isAlive()).isTrue();
  }

  /**
   * Started under nohup, the process begins with SIGHUP ignored and the JVM would not take it
   * over: bin/shotclockd restores the default first, so reload signals still work.
   */
  @Test
  void sighup_reloads_a_daemon_started_under_nohup() throws Exception {
    Path conf = manyWorkflows(1);
    Process daemon = Installation.startDaemon(conf, dir.resolve("daemon.log"), List.of("nohup"));
    daemons.add(daemon);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cli(conf, "health").exitCode() == 0);
    addWorkflowAndSendSighup(conf, daemon);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> log().contains("SIGHUP reload applied"));
    assertThat(log()).contains("added=[added]").doesNotContain("SIGHUP is ignored");
  }

  /** Adds workflow {@code added} to the config directory and tells the daemon with SIGHUP. */
  private static void addWorkflowAndSendSighup(Path conf, Process daemon) throws Exception {
    Files.writeString(conf.resolve("workflows/added.yaml"),
        "id: added\nsteps:\n  - id: a\n    run: [\"true\"]\n");
    Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start();
    assertThat(hup.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private Path manyWorkflows(int n) throws Exception {
    Map<String, String> workflows = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      workflows.put("w" + i + ".yaml", "id: w" + i + "\ntriggers: [ { cron: \"0 0 3 * * ?\" } ]\n"
          + "steps:\n  - id: a\n    run: [\"true\"]\n");
    }
    return Installation.writeConfig(dir, Installation.testDaemonYaml(), workflows);
  }

  /** Starts the daemon and returns once its schema is migrated, while it stores the workflows. */
  private Process startedUpToTheSchema(Path conf) throws Exception {
    Process daemon = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    daemons.add(daemon);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> log().contains("store schema up to date"));
    return daemon;
  }
}
