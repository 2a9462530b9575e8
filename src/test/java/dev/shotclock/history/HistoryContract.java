package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shotclock.db.DbException;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run history on a real store, the same assertions for H2 and PostgreSQL. */
abstract class HistoryContract {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-25T07:00:00Z");
  StoreFixture store;
  RunRepository runs;
  StepRunRepository steps;

  abstract TestStores.Kind kind();

  @BeforeEach
  void setUp() {
    store = StoreFixture.migrated(kind(), dir, clock);
    runs = new RunRepository(store.jdbc());
    steps = new StepRunRepository(store.jdbc());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private long scheduled(String wf, Instant slot) {
    return runs.insert(new NewRun(wf, NewRun.slotKey(slot), slot, TriggerKind.SCHEDULE,
        RunState.SCHEDULED, null, false, null, Map.of("days", "3"), "corr-" + slot, "test"), clock.instant());
  }

  @Test
  void a_slot_can_be_recorded_only_once() {
    Instant slot = Instant.parse("2026-11-25T03:00:00Z");
    scheduled("wf", slot);
    assertThatThrownBy(() -> scheduled("wf", slot)).isInstanceOf(DbException.UniqueViolation.class);
    assertThat(runs.findBySlot("wf", NewRun.slotKey(slot))).isPresent();
  }

  @Test
  void a_run_round_trips_with_its_parameters_and_times() {
    long id = scheduled("wf", Instant.parse("2026-11-25T03:00:00Z"));
    RunRecord r = runs.find(id).orElseThrow();
    assertThat(r.params()).containsEntry("days", "3");
    assertThat(r.scheduledAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
    assertThat(r.createdAt()).isEqualTo(clock.instant());
    assertThat(r.state()).isEqualTo(RunState.SCHEDULED);
    assertThat(r.attempt()).isZero();
  }

  @Test
  void only_the_attempt_that_runs_a_run_can_finish_it() {
    long id = scheduled("wf", Instant.parse("2026-11-25T03:00:00Z"));
    int first = runs.start(id, EnumSet.of(RunState.SCHEDULED), "node-a", "/log", clock.instant()).orElseThrow().attempt();
    assertThat(runs.markInterrupted(id, first, "crash", clock.instant())).isTrue();
    int second = runs.start(id, EnumSet.of(RunState.INTERRUPTED), "node-a", "/log", clock.instant()).orElseThrow().attempt();
    assertThat(second).isEqualTo(first + 1);
    assertThat(runs.finish(id, first, RunState.SUCCEEDED, null, clock.instant())).isFalse();
    assertThat(runs.finish(id, second, RunState.SUCCEEDED, null, clock.instant())).isTrue();
    assertThat(runs.finish(id, second, RunState.FAILED, "again", clock.instant())).isFalse();
    assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void a_run_that_already_started_is_not_started_again() {
    long id = scheduled("wf", Instant.parse("2026-11-25T03:00:00Z"));
    assertThat(runs.start(id, EnumSet.of(RunState.SCHEDULED), "n", "/l", clock.instant())).isPresent();
    assertThat(runs.start(id, EnumSet.of(RunState.SCHEDULED), "n", "/l", clock.instant())).isEmpty();
  }

  @Test
  void a_queued_run_is_claimed_by_exactly_one_caller() {
    long id = runs.insert(new NewRun("wf", "q1", clock.instant(), TriggerKind.CATCH_UP, RunState.SCHEDULED,
        "queued", true, null, Map.of(), "c", null), clock.instant());
    assertThat(runs.oldestQueued("wf")).map(RunRecord::id).contains(id);
    assertThat(runs.claimQueued(id)).isTrue();
    assertThat(runs.claimQueued(id)).isFalse();
    assertThat(runs.oldestQueued("wf")).isEmpty();
  }

  @Test
  void active_runs_and_lists_filter_by_workflow_and_state() {
    long a = scheduled("a", Instant.parse("2026-11-25T01:00:00Z"));
    scheduled("b", Instant.parse("2026-11-25T02:00:00Z"));
    runs.start(a, EnumSet.of(RunState.SCHEDULED), "n", "/l", clock.instant());
    assertThat(runs.active("a")).extracting(RunRecord::id).containsExactly(a);
    assertThat(runs.running(null)).extracting(RunRecord::id).containsExactly(a);
    assertThat(runs.list("b", null, 10)).hasSize(1);
    assertThat(runs.list(null, RunState.RUNNING, 10)).extracting(RunRecord::id).containsExactly(a);
    assertThat(runs.slotKeys("a", Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-25T05:00:00Z")))
        .containsExactly("2026-11-25T01:00:00Z");
  }

  @Test
  void step_tries_are_recorded_in_order_and_running_ones_can_be_interrupted() {
    long id = scheduled("wf", Instant.parse("2026-11-25T03:00:00Z"));
    long s1 = steps.started(id, "fetch", 1, 1, clock.instant());
    steps.finished(s1, StepState.FAILED, 1, "exit code 1", 10, clock.instant(), clock.instant());
    steps.started(id, "fetch", 1, 2, clock.instant());
    steps.skipped(id, "report", 1, StepState.SKIPPED, "dependency fetch failed", clock.instant());
    assertThat(steps.interruptRunning(id, "crash", clock.instant())).isEqualTo(1);
    List<StepRunRecord> all = steps.forRun(id);
    assertThat(all).extracting(StepRunRecord::state)
        .containsExactly(StepState.FAILED, StepState.INTERRUPTED, StepState.SKIPPED);
    assertThat(all.get(0).exitCode()).isEqualTo(1);
  }

  @Test
  void workflow_state_keeps_pause_across_a_sync_and_restarts_slot_accounting_when_the_schedule_changes() {
    WorkflowStateRepository states = new WorkflowStateRepository(store.jdbc());
    states.sync("wf", "h1", clock.instant());
    states.pause("wf", "ops", "maintenance", null, clock.instant());
    clock.tick(Duration.ofHours(1));
    states.setSlotsCheckedUntil("wf", clock.instant(), clock.instant());
    states.sync("wf", "h1", clock.instant());
    WorkflowState same = states.find("wf").orElseThrow();
    assertThat(same.paused()).isTrue();
    assertThat(same.scheduleSince()).isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
    clock.tick(Duration.ofHours(1));
    states.sync("wf", "h2", clock.instant());
    WorkflowState changed = states.find("wf").orElseThrow();
    assertThat(changed.paused()).isTrue();
    assertThat(changed.scheduleSince()).isEqualTo(clock.instant());
    assertThat(changed.slotsCheckedUntil()).isEqualTo(clock.instant());
  }

  @Test
  void workflow_states_synced_together_behave_as_synced_one_by_one() {
    WorkflowStateRepository states = new WorkflowStateRepository(store.jdbc());
    Instant t0 = clock.instant();
    states.syncAll(Map.of("same", "h1", "changed", "h1", "revived", "h1"), t0);
    states.pause("same", "ops", "maintenance", null, t0);
    states.deactivateAllExcept(Set.of("same", "changed"), t0);
    clock.tick(Duration.ofHours(1));
    states.setSlotsCheckedUntil("same", clock.instant(), clock.instant());
    clock.tick(Duration.ofHours(1));
    Instant t2 = clock.instant();
    states.syncAll(Map.of("same", "h1", "changed", "h2", "revived", "h1", "new", "h9"), t2);

    WorkflowState same = states.find("same").orElseThrow();
    assertThat(same.paused()).isTrue();
    assertThat(same.scheduleSince()).isEqualTo(t0);
    assertThat(same.slotsCheckedUntil()).isEqualTo(t2.minus(Duration.ofHours(1)));
    WorkflowState changed = states.find("changed").orElseThrow();
    assertThat(changed.scheduleHash()).isEqualTo("h2");
    assertThat(changed.scheduleSince()).isEqualTo(t2);
    WorkflowState revived = states.find("revived").orElseThrow();
    assertThat(revived.active()).isTrue();
    assertThat(revived.scheduleSince()).isEqualTo(t2);
    assertThat(states.find("new").orElseThrow().scheduleHash()).isEqualTo("h9");
    assertThat(states.all()).hasSize(4);
  }

  @Test
  void events_are_stored_newest_first() {
    EventLog events = new EventLog(store.jdbc(), clock, "node-a");
    events.info("A", "wf", null, "first");
    clock.tick(Duration.ofSeconds(1));
    events.warn("B", "wf", 7L, "second");
    assertThat(events.recent(null, null, 10)).extracting(Event::kind).containsExactly("B", "A");
    assertThat(events.recent(null, 7L, 10)).extracting(Event::message).containsExactly("second");
    Optional<Event> first = events.recent("wf", null, 10).stream().filter(e -> e.kind().equals("A")).findFirst();
    assertThat(first).map(Event::nodeId).contains("node-a");
    assertThat(Set.copyOf(events.recent(null, null, 10).stream().map(Event::severity).toList()))
        .containsExactlyInAnyOrder(Event.Severity.INFO, Event.Severity.WARN);
  }
}
