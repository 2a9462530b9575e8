package dev.shotclock.watchdog;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.WatchdogSettings;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.Processes;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StallAndLivenessTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void a_silent_child_past_the_stall_timeout_is_stalled_killed_and_retried() throws Exception {
    Path marker = dir.resolve("stalled-once");
    daemon = DaemonFixture.startWith(dir, TestStores.Kind.H2, Clock.systemUTC(),
        new WatchdogSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1L << 20, 2, 2, java.util.List.of(), Duration.ofMinutes(30)),
        workflow("scrape").step(step("fetch")
            .sh("if [ -f " + marker + " ]; then echo done; exit 0; fi; touch " + marker + "; sleep 1000 & wait")
            .retry(2, Duration.ofMillis(100), 1.0)).build());
    long runId = daemon.trigger("scrape", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + daemon.stateDir()).isEmpty());
    var firstTry = Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + daemon.stateDir());
    RunRecord run = daemon.awaitEnd(runId, Duration.ofSeconds(30));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(daemon.steps(runId)).extracting(StepRunRecord::state)
        .containsExactly(StepState.STALLED, StepState.SUCCEEDED);
    assertThat(daemon.steps(runId).get(0).error()).contains("no output for");
    assertThat(firstTry).noneMatch(Processes::isAlive);
    assertThat(daemon.daemon().events().recent("REPAIR", null, null, 10))
        .anySatisfy(e -> assertThat(e.message()).contains("STALLED"));
  }

  @Test
  void a_scheduled_workflow_that_never_succeeds_makes_health_degraded_but_not_down() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("zombie").cron("* * * * * ?").step(step("s").sh("exit 1")).build());
    await().atMost(Duration.ofSeconds(15)).until(() ->
        daemon.daemon().watchdog().report().health() == Health.DEGRADED);
    assertThat(daemon.daemon().watchdog().report().reasons())
        .anySatisfy(r -> assertThat(r).contains("zombie has not succeeded for"));
  }

  @Test
  void metrics_expose_runs_steps_pools_jvm_queue_and_last_success() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("m").step(step("a")).step(step("b").sh("exit 1").nonCritical()).build());
    assertThat(daemon.runToEnd("m", Duration.ofSeconds(20)).state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    String text = daemon.daemon().metrics().scrape();
    assertThat(text).contains("shotclock_runs_total{service=\"shotclock\",state=\"SUCCEEDED_WITH_WARNINGS\",workflow=\"m\"} 1.0")
        .contains("shotclock_steps_total{service=\"shotclock\",state=\"FAILED\",step=\"b\",workflow=\"m\"} 1.0")
        .contains("shotclock_run_duration_seconds_bucket")
        .contains("shotclock_workflow_last_success")
        .contains("hikaricp_connections_active")
        .contains("jvm_memory_used_bytes")
        .contains("shotclock_tasks{service=\"shotclock\",state=\"PENDING\"} 0.0")
        .contains("shotclock_tasks_oldest_pending_seconds{service=\"shotclock\"} 0.0");
  }
}
