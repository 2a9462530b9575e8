package dev.shotclock.watchdog;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.db.Jdbc;
import dev.shotclock.history.Event;
import dev.shotclock.history.NewRun;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog on a real daemon (ticking every second), on H2 and PostgreSQL. */
abstract class WatchdogContract {

  @TempDir Path dir;
  DaemonFixture daemon;

  abstract TestStores.Kind kind();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private void start() throws Exception {
    daemon = DaemonFixture.start(dir, kind(), Clock.systemUTC(),
        workflow("nightly").cron("0 3 * * *").step(step("s")).build());
  }

  private Jdbc jdbc() {
    return daemon.daemon().jdbc();
  }

  private List<Event> repairs() {
    return daemon.daemon().events().recent("REPAIR", null, null, 100);
  }

  @Test
  void a_trigger_left_acquired_with_no_fired_row_is_freed_within_two_ticks() throws Exception {
    start();
    jdbc().update("UPDATE QRTZ_TRIGGERS SET TRIGGER_STATE = 'ACQUIRED' WHERE TRIGGER_GROUP = 'cron'", Jdbc.Binder.NONE);
    await().atMost(Duration.ofSeconds(4)).until(() ->
        jdbc().queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'cron'"
            + " AND TRIGGER_STATE = 'ACQUIRED'", Jdbc.Binder.NONE) == 0);
    assertThat(jdbc().query("SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'cron'",
        Jdbc.Binder.NONE, r -> r.string("TRIGGER_STATE"))).containsExactly("WAITING");
    assertThat(repairs()).anySatisfy(e -> assertThat(e.message()).contains("was ACQUIRED"));
  }

  @Test
  void blocked_and_error_triggers_are_repaired_with_an_event_each() throws Exception {
    start();
    jdbc().update("UPDATE QRTZ_TRIGGERS SET TRIGGER_STATE = 'BLOCKED' WHERE TRIGGER_GROUP = 'cron'", Jdbc.Binder.NONE);
    await().atMost(Duration.ofSeconds(4)).until(() ->
        repairs().stream().anyMatch(e -> e.message().contains("was BLOCKED")));
    jdbc().update("UPDATE QRTZ_TRIGGERS SET TRIGGER_STATE = 'ERROR' WHERE TRIGGER_GROUP = 'cron'", Jdbc.Binder.NONE);
    await().atMost(Duration.ofSeconds(4)).until(() ->
        repairs().stream().anyMatch(e -> e.message().contains("in ERROR; reset")));
    assertThat(jdbc().query("SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'cron'",
        Jdbc.Binder.NONE, r -> r.string("TRIGGER_STATE"))).containsExactly("WAITING");
  }

  @Test
  void a_run_recorded_running_that_nothing_executes_is_marked_interrupted() throws Exception {
    start();
    var runs = daemon.runs();
    long id = runs.insert(new NewRun("nightly", "manual:ghost", java.time.Instant.now(Clock.systemUTC()),
        TriggerKind.MANUAL, RunState.SCHEDULED, null, false, null, Map.of(), "c", "test"),
        java.time.Instant.now(Clock.systemUTC()));
    runs.start(id, EnumSet.of(RunState.SCHEDULED), "test-node", null,
        java.time.Instant.now(Clock.systemUTC()).minus(Duration.ofMinutes(5)));
    await().atMost(Duration.ofSeconds(4)).until(() -> runs.find(id).orElseThrow().state() == RunState.INTERRUPTED);
    assertThat(repairs()).anySatisfy(e -> assertThat(e.message()).contains("run " + id));
  }

  @Test
  void health_goes_down_within_two_ticks_when_the_scheduler_stops_firing_and_recovers() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(5)).until(() -> daemon.daemon().watchdog().lastBeat() != null);
    daemon.daemon().quartz().standby();
    // The watchdog runs on the scheduler: it stops too, and its heartbeat goes stale (interval 1 s).
    await().atMost(Duration.ofSeconds(4)).until(() -> daemon.daemon().watchdog().report().health() == Health.DOWN);
    assertThat(daemon.daemon().watchdog().report().reasons()).anySatisfy(r ->
        assertThat(r).contains("the scheduler is not firing"));
    daemon.daemon().quartz().resumeFiring();
    await().atMost(Duration.ofSeconds(5)).until(() -> daemon.daemon().watchdog().report().health() == Health.UP);
  }
}
