package dev.shotclock.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.config.RetentionSettings;
import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real store, the same assertions for H2 and PostgreSQL: runs and slots recorded as
 * not run are pruned by separate limits, and whatever goes is counted into the daily aggregates.
 */
abstract class RetentionContract {

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-01T00:00:00Z");
  StoreFixture store;
  HistoryRows rows;
  DailyAggregates aggregates;

  abstract TestStores.Kind kind();

  @BeforeEach
  void setUp() {
    store = StoreFixture.migrated(kind(), dir, clock);
    rows = new HistoryRows(store.jdbc(), clock, dir.resolve("logs"));
    aggregates = new DailyAggregates(store.jdbc());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Retention retention(RetentionSettings settings) {
    return new Retention(store.jdbc(), clock, settings);
  }

  private static RetentionSettings runLimits(Duration maxAge, int maxRuns, int keepLast) {
    RetentionSettings d = RetentionSettings.DEFAULT;
    return new RetentionSettings(maxAge, maxRuns, keepLast, d.skippedMaxAge(), d.skippedMaxPerWorkflow());
  }

  private Map<RunState, Long> aggregated(String workflowId) {
    return aggregates.counts(workflowId).stream().collect(Collectors.groupingBy(
        DailyAggregates.DailyCount::state, Collectors.summingLong(DailyAggregates.DailyCount::runs)));
  }

  private List<Long> ids(List<RunRecord> records) {
    return records.stream().map(RunRecord::id).sorted().toList();
  }

  @Test
  void five_real_runs_and_their_logs_outlive_3000_slots_skipped_while_paused() {
    Instant day = Instant.parse("2026-11-01T00:00:00Z");
    List<Long> real = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      real.add(rows.run("wf", day.plus(Duration.ofHours(i)), Duration.ofSeconds(90), RunState.SUCCEEDED));
    }
    Instant firstSkip = day.plus(Duration.ofHours(6));
    rows.notRun("wf", RunState.SKIPPED_PAUSED, 3000, firstSkip, Duration.ofMinutes(1));
    clock.set(Instant.parse("2026-11-03T12:00:00Z"));

    int deleted = retention(RetentionSettings.DEFAULT).runOnce();

    assertThat(deleted).isEqualTo(2800);
    assertThat(ids(rows.inStates("wf", RunState.ENDED))).containsExactlyElementsOf(real);
    real.forEach(id -> assertThat(rows.log("wf", id)).exists());
    List<RunRecord> skipped = rows.inStates("wf", RunState.NOT_RUN);
    assertThat(skipped).hasSize(200);
    assertThat(skipped.stream().map(RunRecord::scheduledAt).min(Instant::compareTo))
        .contains(firstSkip.plus(Duration.ofMinutes(2800)));
    assertThat(aggregated("wf")).containsExactly(Map.entry(RunState.SKIPPED_PAUSED, 2800L));
    assertThat(retention(RetentionSettings.DEFAULT).runOnce()).isZero();
  }

  @Test
  void slots_not_run_go_after_their_own_max_age_while_runs_as_old_stay() {
    Instant day = Instant.parse("2026-11-01T00:00:00Z");
    List<Long> real = List.of(rows.run("wf", day, Duration.ofSeconds(5), RunState.FAILED),
        rows.run("wf", day.plus(Duration.ofHours(1)), Duration.ofSeconds(5), RunState.SUCCEEDED));
    rows.notRun("wf", RunState.MISSED, 50, day.plus(Duration.ofHours(2)), Duration.ofMinutes(1));
    clock.set(Instant.parse("2026-11-09T00:00:00Z"));

    assertThat(retention(RetentionSettings.DEFAULT).runOnce()).isEqualTo(50);

    assertThat(ids(rows.all("wf"))).containsExactlyElementsOf(real);
    assertThat(aggregated("wf")).containsExactly(Map.entry(RunState.MISSED, 50L));
  }

  @Test
  void real_runs_beyond_max_runs_per_workflow_still_go_with_their_logs_and_skipped_slots_do_not_count() {
    Instant day = Instant.parse("2026-11-01T00:00:00Z");
    List<Long> real = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Instant at = day.plus(Duration.ofHours(i));
      real.add(rows.run("wf", at, Duration.ofSeconds(10 + i), RunState.SUCCEEDED));
      rows.notRun("wf", RunState.SKIPPED_OVERLAP, 1, at.plus(Duration.ofMinutes(30)), Duration.ZERO);
    }
    clock.set(Instant.parse("2026-11-03T00:00:00Z"));

    assertThat(retention(runLimits(Duration.ofDays(30), 10, 5)).runOnce()).isEqualTo(20);

    assertThat(ids(rows.inStates("wf", RunState.ENDED))).containsExactlyElementsOf(real.subList(20, 30));
    real.subList(0, 20).forEach(id -> assertThat(rows.log("wf", id)).doesNotExist());
    real.subList(20, 30).forEach(id -> assertThat(rows.log("wf", id)).exists());
    assertThat(rows.inStates("wf", RunState.NOT_RUN)).hasSize(30);
    List<DailyAggregates.DailyCount> counts = aggregates.counts("wf");
    assertThat(counts).extracting(DailyAggregates.DailyCount::state).containsOnly(RunState.SUCCEEDED);
    assertThat(counts.stream().mapToLong(DailyAggregates.DailyCount::runs).sum()).isEqualTo(20);
    // runs 0..19 took 10..29 s: 390 s in all, the longest 29 s
    assertThat(counts.stream().mapToLong(DailyAggregates.DailyCount::totalMillis).sum()).isEqualTo(390_000);
    assertThat(counts.stream().map(DailyAggregates.DailyCount::maxMillis).max(Long::compare)).contains(29_000L);
  }

  @Test
  void the_newest_keep_last_real_runs_never_go_however_old_and_however_many_slots_were_skipped_after_them() {
    Instant january = Instant.parse("2026-01-01T00:00:00Z");
    List<Long> real = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      real.add(rows.run("wf", january.plus(Duration.ofDays(i)), Duration.ofMinutes(3), RunState.SUCCEEDED));
    }
    rows.notRun("wf", RunState.SKIPPED_PAUSED, 500, Instant.parse("2026-11-24T00:00:00Z"), Duration.ofMinutes(1));
    clock.set(Instant.parse("2026-11-25T00:00:00Z"));

    retention(runLimits(Duration.ofDays(1), 1000, 3)).runOnce();

    assertThat(ids(rows.inStates("wf", RunState.ENDED))).containsExactlyElementsOf(real.subList(2, 5));
    real.subList(2, 5).forEach(id -> assertThat(rows.log("wf", id)).exists());
    assertThat(rows.inStates("wf", RunState.NOT_RUN)).hasSize(200);
  }

  @Test
  void retention_prunes_old_and_surplus_runs_into_daily_aggregates_but_keeps_the_newest() {
    Instant start = Instant.parse("2026-10-01T00:00:00Z");
    for (int i = 0; i < 30; i++) {
      rows.run("wf", start.plus(Duration.ofDays(i)), Duration.ofSeconds(5), RunState.SUCCEEDED);
    }
    clock.set(Instant.parse("2026-10-31T00:00:00Z"));
    Retention retention = retention(runLimits(Duration.ofDays(10), 15, 12));
    int deleted = retention.runOnce();
    // 20 runs are older than 10 days and 15 is the count limit, but keep_last protects the
    // newest 12 (two of them older than 10 days): 18 go, 12 stay.
    assertThat(deleted).isEqualTo(18);
    assertThat(rows.all("wf")).hasSize(12);
    assertThat(aggregates.counts("wf")).hasSize(18).allSatisfy(d -> {
      assertThat(d.runs()).isEqualTo(1);
      assertThat(d.totalMillis()).isEqualTo(5000);
      assertThat(d.maxMillis()).isEqualTo(5000);
      assertThat(d.state()).isEqualTo(RunState.SUCCEEDED);
    });
    assertThat(retention.runOnce()).isZero();
  }

  @Test
  void retention_never_prunes_the_newest_keep_last_runs_however_old_even_ones_cancelled_before_they_started() {
    RunRepository runs = new RunRepository(store.jdbc());
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    for (int i = 0; i < 5; i++) {
      Instant slot = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(i));
      long id = runs.insert(new NewRun("wf", NewRun.slotKey(slot), slot, TriggerKind.SCHEDULE,
          RunState.SCHEDULED, "queued", true, null, Map.of(), "c" + i, null), clock.instant());
      runs.endUnstarted(id, RunState.CANCELLED, "x", clock.instant());
    }
    clock.set(Instant.parse("2026-11-25T00:00:00Z"));
    retention(runLimits(Duration.ofDays(1), 1000, 3)).runOnce();
    assertThat(rows.all("wf")).hasSize(3);
    assertThat(aggregates.counts("wf")).singleElement().satisfies(d -> {
      assertThat(d.runs()).isEqualTo(2);
      assertThat(d.maxMillis()).as("never started: no duration").isNull();
    });
  }
}
