package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause and resume on a moved clock (2030, so Quartz on real time never fires the hourly trigger
 * itself): the slots passed while paused are recorded, and the resume choice decides how many run.
 */
class PauseResumeTest {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2030-03-01T00:30:00Z");
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private WorkflowDef hourly() {
    return workflow("hourly").cron("0 * * * *").step(step("s")).build();
  }

  /** Pauses, lets three hourly slots pass, resumes with the choice; returns the rows. */
  private List<RunRecord> pauseThreeSlotsThenResume(ResumeChoice choice) throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, hourly());
    PauseControl pauses = daemon.daemon().engine().pauses();
    assertThat(pauses.pause("hourly", "ops", "db maintenance", null).changed()).isTrue();
    assertThat(daemon.daemon().quartz().isCronPaused("hourly")).isTrue();
    clock.tick(Duration.ofHours(3));
    daemon.daemon().engine().slots().runOnce("test pass");
    assertThat(daemon.runs("hourly", RunState.SKIPPED_PAUSED)).hasSize(3)
        .allSatisfy(r -> assertThat(r.reason()).isEqualTo("workflow paused by ops: db maintenance"));
    pauses.resume("hourly", choice, "ops");
    assertThat(daemon.daemon().quartz().isCronPaused("hourly")).isFalse();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        daemon.runs("hourly").stream().allMatch(r -> r.state().isTerminal()));
    return daemon.runs("hourly");
  }

  @Test
  void resume_skip_runs_nothing_for_the_paused_slots() throws Exception {
    List<RunRecord> rows = pauseThreeSlotsThenResume(ResumeChoice.SKIP);
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SKIPPED_PAUSED));
  }

  @Test
  void resume_once_runs_exactly_the_latest_paused_slot() throws Exception {
    List<RunRecord> rows = pauseThreeSlotsThenResume(ResumeChoice.ONCE);
    List<RunRecord> ran = rows.stream().filter(r -> r.state() == RunState.SUCCEEDED).toList();
    assertThat(ran).hasSize(1);
    assertThat(ran.get(0).scheduledAt()).isEqualTo(Instant.parse("2030-03-01T03:00:00Z"));
    assertThat(ran.get(0).triggerKind()).isEqualTo(TriggerKind.CATCH_UP);
  }

  @Test
  void resume_all_runs_each_paused_slot() throws Exception {
    List<RunRecord> rows = pauseThreeSlotsThenResume(ResumeChoice.ALL);
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SUCCEEDED));
  }

  @Test
  void a_paused_workflow_can_still_be_triggered_by_hand() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, hourly());
    daemon.daemon().engine().pauses().pause("hourly", "ops", null, null);
    assertThat(daemon.runToEnd("hourly", Duration.ofSeconds(20)).state()).isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void the_pause_survives_a_restart_and_resumes_by_itself_after_until() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, hourly());
    daemon.daemon().engine().pauses().pause("hourly", "ops", null, clock.instant().plus(Duration.ofHours(2)));
    daemon.restart(hourly());
    assertThat(daemon.daemon().quartz().isCronPaused("hourly")).isTrue();
    clock.tick(Duration.ofHours(3));
    daemon.daemon().engine().pauses().runOnce();
    assertThat(daemon.daemon().quartz().isCronPaused("hourly")).isFalse();
    assertThat(daemon.runs("hourly")).noneMatch(r -> r.state() == RunState.SUCCEEDED);
  }

  @Test
  void a_scheduler_wide_pause_keeps_a_workflow_pause_when_resumed() throws Exception {
    WorkflowDef other = workflow("other").cron("0 * * * *").step(step("s")).build();
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, clock, hourly(), other);
    PauseControl pauses = daemon.daemon().engine().pauses();
    pauses.pause("hourly", "ops", "own pause", null);
    pauses.pauseAll("ops", "freeze", null);
    assertThat(daemon.daemon().quartz().isCronPaused("other")).isTrue();
    clock.tick(Duration.ofHours(2));
    pauses.resumeAll(ResumeChoice.ONCE, "ops");
    assertThat(daemon.daemon().quartz().isCronPaused("other")).isFalse();
    assertThat(daemon.daemon().quartz().isCronPaused("hourly")).isTrue();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        daemon.runs("other", RunState.SUCCEEDED).size() == 1);
    assertThat(daemon.runs("other", RunState.SKIPPED_PAUSED)).hasSize(1)
        .allSatisfy(r -> assertThat(r.reason()).startsWith("scheduler paused by ops: freeze"));
    assertThat(daemon.runs("hourly")).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SKIPPED_PAUSED));
  }
}
