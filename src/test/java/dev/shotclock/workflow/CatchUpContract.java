package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.CatchUpPolicy;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slots missed while the daemon was down, per catch_up policy. The daemon runs on a clock set in
 * 2030, so Quartz (on real time) never fires the daily 03:00 trigger itself during the test: every
 * run here comes from slot accounting at start-up.
 */
abstract class CatchUpContract {

  static final Instant DAY1_NOON = Instant.parse("2030-01-01T12:00:00Z");
  static final Instant SLOT_DAY2 = Instant.parse("2030-01-02T03:00:00Z");
  static final Instant SLOT_DAY3 = Instant.parse("2030-01-03T03:00:00Z");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(DAY1_NOON);
  DaemonFixture daemon;

  abstract TestStores.Kind kind();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private WorkflowDef nightly(CatchUpPolicy policy, Duration maxLateness) {
    return workflow("nightly").cron("0 3 * * *").catchUp(policy, maxLateness)
        .step(step("work").sh("true")).build();
  }

  /** Starts, stops, and starts again after two slots passed while down; returns the slots' rows. */
  private List<RunRecord> downAcrossTwoSlots(WorkflowDef wf) throws Exception {
    daemon = DaemonFixture.start(dir, kind(), clock, wf);
    daemon.daemon().close();
    clock.set(Instant.parse("2030-01-03T09:00:00Z"));
    daemon.restart(wf);
    return daemon.runs("nightly");
  }

  private void awaitAllEnded() {
    await().atMost(Duration.ofSeconds(30)).until(() ->
        daemon.runs("nightly").stream().allMatch(r -> r.state().isTerminal()));
  }

  @Test
  void none_records_both_missed_slots_and_runs_nothing() throws Exception {
    List<RunRecord> rows = downAcrossTwoSlots(nightly(CatchUpPolicy.NONE, null));
    assertThat(rows).hasSize(2).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(RunState.MISSED);
      assertThat(r.reason()).contains("daemon was not running").contains("catch_up: none");
    });
    assertThat(rows).extracting(RunRecord::scheduledAt).containsExactlyInAnyOrder(SLOT_DAY2, SLOT_DAY3);
  }

  @Test
  void once_runs_the_latest_missed_slot_and_records_the_other() throws Exception {
    downAcrossTwoSlots(nightly(CatchUpPolicy.ONCE, Duration.ofDays(7)));
    awaitAllEnded();
    List<RunRecord> rows = daemon.runs("nightly");
    assertThat(rows).hasSize(2);
    RunRecord ran = rows.stream().filter(r -> r.state() == RunState.SUCCEEDED).findFirst().orElseThrow();
    assertThat(ran.scheduledAt()).isEqualTo(SLOT_DAY3);
    assertThat(ran.triggerKind()).isEqualTo(TriggerKind.CATCH_UP);
    RunRecord missed = rows.stream().filter(r -> r.state() == RunState.MISSED).findFirst().orElseThrow();
    assertThat(missed.scheduledAt()).isEqualTo(SLOT_DAY2);
    assertThat(missed.reason()).contains("catch_up: once");
  }

  @Test
  void all_runs_each_missed_slot_in_order() throws Exception {
    downAcrossTwoSlots(nightly(CatchUpPolicy.ALL, Duration.ofDays(7)));
    awaitAllEnded();
    List<RunRecord> rows = daemon.runs("nightly");
    assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SUCCEEDED));
    RunRecord day2 = rows.stream().filter(r -> r.scheduledAt().equals(SLOT_DAY2)).findFirst().orElseThrow();
    RunRecord day3 = rows.stream().filter(r -> r.scheduledAt().equals(SLOT_DAY3)).findFirst().orElseThrow();
    assertThat(day3.startedAt()).isAfterOrEqualTo(day2.finishedAt());
  }

  @Test
  void a_slot_older_than_max_lateness_is_missed_even_under_once() throws Exception {
    downAcrossTwoSlots(nightly(CatchUpPolicy.ONCE, Duration.ofHours(12)));
    awaitAllEnded();
    List<RunRecord> rows = daemon.runs("nightly");
    // Day 3's slot is 6 h old: it runs. Day 2's is 30 h old: missed, past the lateness bound.
    RunRecord day2 = rows.stream().filter(r -> r.scheduledAt().equals(SLOT_DAY2)).findFirst().orElseThrow();
    assertThat(day2.state()).isEqualTo(RunState.MISSED);
    assertThat(day2.reason()).contains("max_lateness");
    RunRecord day3 = rows.stream().filter(r -> r.scheduledAt().equals(SLOT_DAY3)).findFirst().orElseThrow();
    assertThat(day3.state()).isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void a_restart_without_downtime_across_a_slot_records_nothing() throws Exception {
    WorkflowDef wf = nightly(CatchUpPolicy.ALL, Duration.ofDays(7));
    daemon = DaemonFixture.start(dir, kind(), clock, wf);
    clock.tick(Duration.ofHours(1));
    daemon.restart(wf);
    assertThat(daemon.runs("nightly")).isEmpty();
  }
}
