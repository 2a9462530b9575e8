package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shotclock.config.RetentionSettings;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily stats on a real store, the same assertions for H2 and PostgreSQL: stored runs and the
 * aggregates of pruned ones read together, each run counted once, before and after retention.
 */
abstract class RunStatsContract {

  static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
  static final LocalDate D23 = LocalDate.parse("2026-11-23");
  static final LocalDate D24 = LocalDate.parse("2026-11-24");
  static final LocalDate D25 = LocalDate.parse("2026-11-25");

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-23T00:00:00Z");
  StoreFixture store;
  HistoryRows rows;
  RunStats stats;

  abstract TestStores.Kind kind();

  @BeforeEach
  void setUp() {
    store = StoreFixture.migrated(kind(), dir, clock);
    rows = new HistoryRows(store.jdbc(), clock, dir.resolve("logs"));
    stats = new RunStats(store.jdbc(), clock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  /**
   * Nov 23: 100 runs of 1..100 s (every 10th FAILED) and 20 slots skipped while paused; Nov 24: 10
   * runs of 2..20 s and 5 missed slots; Nov 25: 3 runs of 30 s, one still running; another
   * workflow beside it; and a run on Nov 22, outside a 3-day period.
   */
  private void history() {
    rows.run("wf", D23.minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), Duration.ofHours(5),
        RunState.SUCCEEDED);
    Instant d23 = Instant.parse("2026-11-23T00:00:00Z");
    for (int i = 1; i <= 100; i++) {
      rows.run("wf", d23.plus(Duration.ofMinutes(5L * i)), Duration.ofSeconds(i),
          i % 10 == 0 ? RunState.FAILED : RunState.SUCCEEDED);
    }
    rows.notRun("wf", RunState.SKIPPED_PAUSED, 20, Instant.parse("2026-11-23T12:00:00Z"), Duration.ofMinutes(1));
    for (int i = 1; i <= 10; i++) {
      rows.run("wf", Instant.parse("2026-11-24T00:00:00Z").plus(Duration.ofHours(i)), Duration.ofSeconds(2L * i),
          RunState.SUCCEEDED);
    }
    rows.notRun("wf", RunState.MISSED, 5, Instant.parse("2026-11-24T20:00:00Z"), Duration.ofMinutes(1));
    for (int i = 1; i <= 2; i++) {
      rows.run("wf", Instant.parse("2026-11-25T00:00:00Z").plus(Duration.ofHours(i)), Duration.ofSeconds(30),
          RunState.SUCCEEDED);
    }
    rows.run("other", Instant.parse("2026-11-25T05:00:00Z"), Duration.ofHours(9), RunState.FAILED);
    RunRepository runs = new RunRepository(store.jdbc());
    Instant running = Instant.parse("2026-11-25T10:00:00Z");
    long id = runs.insert(new NewRun("wf", NewRun.slotKey(running), running, TriggerKind.SCHEDULE,
        RunState.SCHEDULED, null, false, null, Map.of(), "c-running", null), running);
    runs.start(id, EnumSet.of(RunState.SCHEDULED), "node", null, running);
    clock.set(NOW);
  }

  private static RunStats.DayStats day(RunStats.WorkflowStats s, LocalDate day) {
    return s.daily().stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
  }

  @Test
  void stored_runs_give_outcomes_and_exact_percentiles_per_day() {
    history();

    RunStats.WorkflowStats s = stats.of("wf", 3);

    assertThat(s.from()).isEqualTo(D23);
    assertThat(s.to()).isEqualTo(D25);
    assertThat(s.daily()).extracting(RunStats.DayStats::day).containsExactly(D25, D24, D23);
    RunStats.DayStats d23 = day(s, D23);
    assertThat(d23.outcomes()).containsExactly(Map.entry(RunState.SUCCEEDED, 90L),
        Map.entry(RunState.FAILED, 10L), Map.entry(RunState.SKIPPED_PAUSED, 20L));
    assertThat(d23.runs()).isEqualTo(100);
    assertThat(d23.notRun()).isEqualTo(20);
    assertThat(d23.pruned()).isZero();
    assertThat(d23.timedRuns()).isEqualTo(100);
    assertThat(d23.p50Ms()).isEqualTo(50_000);
    assertThat(d23.p95Ms()).isEqualTo(95_000);
    assertThat(d23.maxMs()).isEqualTo(100_000);
    RunStats.DayStats d25 = day(s, D25);
    assertThat(d25.runs()).as("the running run is not counted yet").isEqualTo(2);
    assertThat(d25.maxMs()).as("the other workflow's 9 h run is not counted").isEqualTo(30_000);
    assertThat(s.total().day()).isNull();
    assertThat(s.total().runs()).isEqualTo(112);
    assertThat(s.total().notRun()).isEqualTo(25);
    assertThat(s.total().maxMs()).as("the 5 h run of Nov 22 is outside the period").isEqualTo(100_000);
  }

  @Test
  void after_retention_each_run_is_counted_once_from_the_aggregates_or_the_store() {
    history();
    RunStats.WorkflowStats before = stats.of("wf", 3);

    int pruned = new Retention(store.jdbc(), clock,
        new RetentionSettings(Duration.ofDays(30), 5, 3, Duration.ofDays(7), 1)).runOnce();
    RunStats.WorkflowStats after = stats.of("wf", 3);

    assertThat(pruned).isGreaterThan(100);
    assertThat(after.total().pruned()).as("the Nov 22 run was pruned too, outside the period")
        .isEqualTo(pruned - 1);
    assertThat(after.daily()).extracting(RunStats.DayStats::day).containsExactly(D25, D24, D23);
    for (int i = 0; i < 3; i++) {
      RunStats.DayStats b = before.daily().get(i);
      RunStats.DayStats a = after.daily().get(i);
      assertThat(a.outcomes()).as("outcomes of %s", a.day()).isEqualTo(b.outcomes());
      assertThat(a.runs()).isEqualTo(b.runs());
      assertThat(a.notRun()).isEqualTo(b.notRun());
      assertThat(a.timedRuns()).isEqualTo(b.timedRuns());
      assertThat(a.maxMs()).as("max of %s", a.day()).isEqualTo(b.maxMs());
      assertThat((double) a.p50Ms()).as("p50 of %s", a.day()).isCloseTo(b.p50Ms(), within(b.p50Ms() / 32.0));
      assertThat((double) a.p95Ms()).as("p95 of %s", a.day()).isCloseTo(b.p95Ms(), within(b.p95Ms() / 32.0));
    }
    assertThat(day(after, D23).pruned()).isEqualTo(120);
    assertThat(after.total().outcomes()).isEqualTo(before.total().outcomes());
    assertThat(after.total().maxMs()).isEqualTo(before.total().maxMs());
    assertThat((double) after.total().p95Ms()).isCloseTo(before.total().p95Ms(), within(before.total().p95Ms() / 32.0));
  }

  @Test
  void days_pruned_before_durations_were_kept_count_but_give_no_percentiles() {
    store.jdbc().update("INSERT INTO sc_run_daily (workflow_id, run_day, state, runs, total_ms) VALUES (?, ?, ?, 7, 70000)",
        a -> a.string("wf").date(D24).name(RunState.SUCCEEDED));
    clock.set(NOW);

    RunStats.DayStats d24 = day(stats.of("wf", 2), D24);

    assertThat(d24.runs()).isEqualTo(7);
    assertThat(d24.pruned()).isEqualTo(7);
    assertThat(d24.timedRuns()).isZero();
    assertThat(d24.p50Ms()).isNull();
    assertThat(d24.maxMs()).isNull();
  }

  @Test
  void a_period_is_whole_utc_days_up_to_today_and_a_workflow_without_history_has_none() {
    history();

    assertThat(stats.of("wf", 1).daily()).extracting(RunStats.DayStats::day).containsExactly(D25);
    assertThat(stats.of("wf", 1).total().runs()).isEqualTo(2);
    assertThat(stats.of("wf", 4).total().runs()).isEqualTo(113);
    RunStats.WorkflowStats none = stats.of("quiet", 30);
    assertThat(none.daily()).isEmpty();
    assertThat(none.total().runs()).isZero();
    assertThat(none.total().p50Ms()).isNull();
    assertThatThrownBy(() -> stats.of("wf", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stats.of("wf", RunStats.MAX_DAYS + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(stats.of("wf", RunStats.MAX_DAYS).from())).containsExactly(D25.minusDays(3649));
  }
}
