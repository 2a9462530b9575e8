package dev.shotclock.daemon;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunState;
import dev.shotclock.history.WorkflowStateRepository;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quartz store follows conf/ at start and on reload; pause state and history survive. */
class ReloadAndSyncTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2030-06-01T12:00:00Z");
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static WorkflowDef daily(String id, String cron) {
    return workflow(id).cron(cron).step(step("s").sh("true")).build();
  }

  @Test
  void reload_adds_changes_and_removes_jobs_and_keeps_history() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, daily("a", "0 3 * * *"), daily("b", "0 4 * * *"));
    assertThat(daemon.runToEnd("b", Duration.ofSeconds(20)).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(daemon.daemon().quartz().nextFireTime("a")).contains(Instant.parse("2030-06-02T03:00:00Z"));

    daemon.editConfig(daily("a", "0 5 * * *"), daily("c", "0 6 * * *"));
    ReloadResult dry = daemon.daemon().reload(true);
    assertThat(dry.applied()).isFalse();
    assertThat(daemon.daemon().quartz().nextFireTime("a")).contains(Instant.parse("2030-06-02T03:00:00Z"));

    ReloadResult r = daemon.daemon().reload(false);
    assertThat(r.valid()).isTrue();
    assertThat(r.diff().added()).containsExactly("c");
    assertThat(r.diff().changed()).containsExactly("a");
    assertThat(r.diff().removed()).containsExactly("b");
    assertThat(daemon.daemon().quartz().nextFireTime("a")).contains(Instant.parse("2030-06-02T05:00:00Z"));
    assertThat(daemon.daemon().quartz().nextFireTime("c")).contains(Instant.parse("2030-06-02T06:00:00Z"));
    assertThat(daemon.daemon().quartz().nextFireTime("b")).isEmpty();
    assertThat(daemon.runs("b")).hasSize(1);
    assertThat(new WorkflowStateRepository(daemon.daemon().jdbc()).find("b").orElseThrow().active()).isFalse();
  }

  @Test
  void an_unchanged_trigger_keeps_its_next_fire_time_across_a_restart() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, daily("a", "0 3 * * *"));
    clock.tick(Duration.ofDays(3));
    daemon.restart(daily("a", "0 3 * * *"));
    // Quartz still holds the next fire computed before the restart; the clock jump does not move it.
    assertThat(daemon.daemon().quartz().nextFireTime("a")).contains(Instant.parse("2030-06-02T03:00:00Z"));
  }

  @Test
  void pause_state_survives_a_restart_and_a_schedule_change() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, daily("a", "0 3 * * *"));
    new WorkflowStateRepository(daemon.daemon().jdbc()).pause("a", "ops", "upgrade", null, clock.instant());
    daemon.daemon().quartz().setPaused("a", true);
    daemon.restart(daily("a", "0 7 * * *"));
    assertThat(new WorkflowStateRepository(daemon.daemon().jdbc()).find("a").orElseThrow().paused()).isTrue();
    assertThat(daemon.daemon().quartz().isCronPaused("a")).isTrue();
  }
}
