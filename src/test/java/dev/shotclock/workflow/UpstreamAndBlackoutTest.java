package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.config.BlackoutWindow;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job-to-job triggers (on_success_of / on_completion_of, fallback slots) and blackout windows. */
class UpstreamAndBlackoutTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static WorkflowDef upstream(String id, String script) {
    return workflow(id).step(step("s").sh(script)).build();
  }

  private List<RunRecord> upstreamRuns(String workflowId) {
    return daemon.runs(workflowId).stream().filter(r -> r.triggerKind() == TriggerKind.UPSTREAM).toList();
  }

  @Test
  void a_success_starts_the_on_success_and_on_completion_workflows_within_5_seconds() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        upstream("overnight", "true"),
        workflow("validation").onSuccessOf("overnight").step(step("s").sh("true")).build(),
        workflow("recovery-check").onCompletionOf("overnight").step(step("s").sh("true")).build());

    RunRecord overnight = daemon.runToEnd("overnight", Duration.ofSeconds(20));

    await().atMost(Duration.ofSeconds(5)).until(() ->
        upstreamRuns("validation").size() == 1 && upstreamRuns("recovery-check").size() == 1);
    RunRecord validation = upstreamRuns("validation").get(0);
    assertThat(validation.requestedBy()).isEqualTo("upstream overnight run " + overnight.id() + " SUCCEEDED");
    assertThat(Duration.between(overnight.finishedAt(), validation.createdAt())).isLessThan(Duration.ofSeconds(5));
    assertThat(daemon.awaitEnd(validation.id(), Duration.ofSeconds(20)).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(daemon.daemon().engine().downstream().runOnce()).as("nothing is started twice").isZero();
  }

  @Test
  void a_failure_starts_only_the_on_completion_workflow() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        upstream("overnight", "exit 1"),
        workflow("validation").onSuccessOf("overnight").step(step("s").sh("true")).build(),
        workflow("recovery-check").onCompletionOf("overnight").step(step("s").sh("true")).build());

    RunRecord overnight = daemon.runToEnd("overnight", Duration.ofSeconds(20));

    assertThat(overnight.state()).isEqualTo(RunState.FAILED);
    await().atMost(Duration.ofSeconds(5)).until(() -> upstreamRuns("recovery-check").size() == 1);
    assertThat(daemon.daemon().engine().downstream().runOnce()).isZero();
    assertThat(upstreamRuns("validation")).isEmpty();
  }

  @Test
  void a_follow_up_lost_to_a_crash_is_started_by_the_next_pass_exactly_once() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        upstream("overnight", "true"),
        workflow("validation").onSuccessOf("overnight").step(step("s").sh("true")).build());
    daemon.runToEnd("overnight", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> upstreamRuns("validation").size() == 1);
    daemon.awaitEnd(upstreamRuns("validation").get(0).id(), Duration.ofSeconds(20));
    // As if the daemon had died between overnight's end and validation's admission.
    daemon.daemon().jdbc().update("DELETE FROM sc_runs WHERE workflow_id = 'validation'", Jdbc.Binder.NONE);

    assertThat(daemon.daemon().engine().downstream().runOnce()).isEqualTo(1);
    assertThat(daemon.daemon().engine().downstream().runOnce()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> daemon.runs("validation", RunState.SUCCEEDED).size() == 1);
  }

  @Test
  void cron_slots_of_a_downstream_are_fallbacks_skipped_once_its_upstream_started_it() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        upstream("overnight", "true"),
        workflow("validation").cron("* * * * * ?").onSuccessOf("overnight").fallbackWindow(Duration.ofHours(1))
            .step(step("s").sh("true")).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.runs("validation", RunState.SUCCEEDED).isEmpty());

    daemon.runToEnd("overnight", Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> upstreamRuns("validation").size() == 1);
    Instant startedByUpstream = upstreamRuns("validation").get(0).createdAt();
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.runs("validation", RunState.SKIPPED_UPSTREAM).size() >= 2);

    assertThat(daemon.runs("validation")).filteredOn(r -> r.triggerKind() == TriggerKind.SCHEDULE)
        .filteredOn(r -> r.scheduledAt().isAfter(startedByUpstream.plusSeconds(1)))
        .isNotEmpty().allMatch(r -> r.state() == RunState.SKIPPED_UPSTREAM);
    assertThat(daemon.runs("validation", RunState.SKIPPED_UPSTREAM).get(0).reason())
        .contains("fallback slot: run " + upstreamRuns("validation").get(0).id()).contains("fallback_window 1h");
  }

  @Test
  void a_blackout_skips_fires_with_the_reason_and_refuses_manual_runs_unless_forced() throws Exception {
    BlackoutWindow today = new BlackoutWindow("maintenance",
        Set.of(Clock.systemUTC().instant().atZone(ZoneOffset.UTC).getDayOfWeek()), Set.of(), null, null,
        ZoneOffset.UTC);
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("nightly").cron("* * * * * ?").blackout(today).step(step("s").sh("true")).build());
    WorkflowDef wf = daemon.daemon().config().workflow("nightly").orElseThrow();

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.runs("nightly", RunState.SKIPPED_BLACKOUT).size() >= 2);
    Admission.Decision refused = daemon.daemon().engine().admission().admitRequest(wf, TriggerKind.MANUAL,
        Map.of(), null, "test", null, null, false);
    Admission.Decision forced = daemon.daemon().engine().admission().admitRequest(wf, TriggerKind.MANUAL,
        Map.of(), null, "test", null, null, true);

    assertThat(daemon.runs("nightly", RunState.SKIPPED_BLACKOUT).get(0).reason())
        .startsWith("blackout 'maintenance' (").endsWith(" all day Z)");
    assertThat(daemon.runs("nightly")).noneMatch(r -> r.triggerKind() == TriggerKind.SCHEDULE && r.startedAt() != null);
    assertThat(refused.kind()).isEqualTo(Admission.Kind.CONFLICT);
    assertThat(refused.message()).contains("inside blackout 'maintenance'").contains("force");
    assertThat(forced.kind()).isEqualTo(Admission.Kind.RUN_NOW);
  }

  @Test
  void a_daemon_started_paused_fires_nothing_until_resumed_and_records_the_slots() throws Exception {
    daemon = DaemonFixture.startPaused(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("nightly").cron("* * * * * ?").step(step("s").sh("true")).build());

    assertThat(daemon.daemon().events().recent("SCHEDULER_PAUSED", null, null, 5))
        .anySatisfy(e -> assertThat(e.message()).contains("shotclockd --paused"));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> daemon.runs("nightly").isEmpty());
    assertThat(daemon.daemon().watchdog().report().reasons()).as("paused is not a zombie").isEmpty();

    daemon.daemon().engine().pauses().resumeAll(ResumeChoice.SKIP, "test");

    assertThat(daemon.runs("nightly", RunState.SKIPPED_PAUSED)).as("the slots that passed while paused").hasSizeGreaterThanOrEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.runs("nightly", RunState.SUCCEEDED).isEmpty());
  }
}
