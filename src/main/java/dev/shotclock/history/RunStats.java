package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workflow's outcomes and durations per UTC day, over the runs still stored and the daily
 * aggregates of pruned ones together. Both are read by one statement, so one snapshot: retention
 * moves a run from sc_runs into the aggregates in one transaction, and a read never sees it in
 * both places or in neither. Durations of stored runs are exact; those of pruned runs come from
 * their histogram (within about 3 %), and their maximum is exact.
 */
public final class RunStats {

  /** The longest period a question may cover: ten years. */
  public static final int MAX_DAYS = 3650;

  /**
   * One day (or, for a total, the whole period: {@code day} null).
   *
   * @param outcomes rows by end state, not-run slots included
   * @param runs runs that ended ({@link RunState#ENDED}); {@code notRun}: slots recorded as not run
   * @param pruned how many of the counted rows are known only from the aggregates
   * @param timedRuns runs with a start and an end: what the percentiles are read from
   */
  public record DayStats(LocalDate day, Map<RunState, Long> outcomes, long runs, long notRun,
      long pruned, long timedRuns, Long p50Ms, Long p95Ms, Long maxMs) {}

  /** The last {@code days} UTC days, {@code from} to {@code to} (today); {@code daily} newest first, days with rows only. */
  public record WorkflowStats(String workflowId, int days, LocalDate from, LocalDate to,
      DayStats total, List<DayStats> daily) {}

  private static final String SQL =
      "SELECT 'R' AS src, state, scheduled_at, started_at, finished_at, CAST(NULL AS DATE) AS run_day,"
      + " CAST(NULL AS INTEGER) AS bucket, CAST(1 AS BIGINT) AS runs, CAST(NULL AS BIGINT) AS max_ms"
      + " FROM sc_runs WHERE workflow_id = ? AND scheduled_at >= ? AND scheduled_at < ?"
      + " AND state NOT IN (" + RunState.sqlList(RunState.ACTIVE) + ")"
      + " UNION ALL SELECT 'D', state, NULL, NULL, NULL, run_day, NULL, runs, max_ms FROM sc_run_daily"
      + " WHERE workflow_id = ? AND run_day >= ? AND run_day <= ?"
      + " UNION ALL SELECT 'H', NULL, NULL, NULL, NULL, run_day, bucket, runs, NULL"
      + " FROM sc_run_daily_durations WHERE workflow_id = ? AND run_day >= ? AND run_day <= ?";

  /** A row of {@link #SQL}: a stored run (R), a daily count (D) or a duration bucket (H). */
  private record Line(String src, RunState state, Instant scheduledAt, Instant startedAt,
      Instant finishedAt, LocalDate day, Integer bucket, long runs, Long maxMs) {}

  private final Jdbc jdbc;
  private final Clock clock;

  public RunStats(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The last {@code days} UTC days of a workflow, today included. */
  public WorkflowStats of(String workflowId, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ": " + days);
    }
    LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate from = to.minusDays(days - 1L);
    List<Line> lines = jdbc.query(SQL, a -> a.string(workflowId).instant(startOf(from))
            .instant(startOf(to.plusDays(1))).string(workflowId).date(from).date(to)
            .string(workflowId).date(from).date(to),
        r -> new Line(r.string("src"), r.enumValue("state", RunState.class), r.instant("scheduled_at"),
            r.instant("started_at"), r.instant("finished_at"), r.date("run_day"), r.nullableInt("bucket"),
            r.longValue("runs"), r.nullableLong("max_ms")));
    Map<LocalDate, Tally> byDay = new TreeMap<>(Collections.reverseOrder());
    for (Line l : lines) {
      switch (l.src()) {
        case "R" -> tally(byDay, LocalDate.ofInstant(l.scheduledAt(), ZoneOffset.UTC))
            .addStored(l.state(), l.startedAt(), l.finishedAt());
        case "D" -> tally(byDay, l.day()).addPruned(l.state(), l.runs(), l.maxMs());
        default -> tally(byDay, l.day()).addBucket(l.bucket(), l.runs());
      }
    }
    Tally total = new Tally();
    List<DayStats> daily = new ArrayList<>();
    byDay.forEach((day, t) -> {
      t.resolve();
      total.addAll(t);
      daily.add(t.stats(day));
    });
    return new WorkflowStats(workflowId, days, from, to, total.stats(null), List.copyOf(daily));
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Tally tally(Map<LocalDate, Tally> byDay, LocalDate day) {
    return byDay.computeIfAbsent(day, d -> new Tally());
  }

  /** What one day (or the period) adds up to while rows are read. */
  private static final class Tally {
    private final Map<RunState, Long> outcomes = new EnumMap<>(RunState.class);
    private final Map<Integer, Long> buckets = new HashMap<>();
    private final DurationDistribution durations = new DurationDistribution();
    private long pruned;
    private Long prunedMax;

    void addStored(RunState state, Instant startedAt, Instant finishedAt) {
      outcomes.merge(state, 1L, Long::sum);
      if (RunState.ENDED.contains(state) && startedAt != null && finishedAt != null) {
        durations.addExact(Duration.between(startedAt, finishedAt).toMillis());
      }
    }

    void addPruned(RunState state, long runs, Long maxMs) {
      outcomes.merge(state, runs, Long::sum);
      pruned += runs;
      if (maxMs != null) {
        prunedMax = prunedMax == null ? maxMs : Math.max(prunedMax, maxMs);
      }
    }

    void addBucket(int bucket, long runs) {
      buckets.merge(bucket, runs, Long::sum);
    }

    /** Pruned durations join the distribution once the day's maximum is known. */
    void resolve() {
      buckets.forEach((bucket, runs) -> durations.addBucket(bucket, runs, prunedMax));
      if (prunedMax != null) {
        durations.addMax(prunedMax);
      }
      buckets.clear();
    }

    void addAll(Tally day) {
      day.outcomes.forEach((state, n) -> outcomes.merge(state, n, Long::sum));
      pruned += day.pruned;
      durations.addAll(day.durations);
    }

    DayStats stats(LocalDate day) {
      long runs = sum(RunState.ENDED);
      long notRun = sum(RunState.NOT_RUN);
      return new DayStats(day, Collections.unmodifiableMap(new EnumMap<>(outcomes)), runs, notRun, pruned,
          durations.count(), durations.percentile(50), durations.percentile(95), durations.max());
    }

    private long sum(java.util.Set<RunState> states) {
      return outcomes.entrySet().stream().filter(e -> states.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }
}
