package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code sc_run_daily} and {@code sc_run_daily_durations}: what pruned runs leave behind, per
 * workflow and UTC day of their slot. The first counts them by end state with their total and
 * longest duration, the second keeps their durations as a histogram ({@link DurationBuckets}), so
 * that percentiles stay readable after the runs are gone. Written only in the transaction that
 * deletes the runs: a run is counted either here or in sc_runs, never in both.
 */
public final class DailyAggregates {

  /** A run being pruned: as much of it as the aggregates keep, and its log. */
  record Pruned(long id, String workflowId, RunState state, Instant scheduledAt, Instant startedAt,
      Instant finishedAt, String logPath) {

    LocalDate day() {
      return LocalDate.ofInstant(scheduledAt, ZoneOffset.UTC);
    }

    /** Start to end; null when it never started or has no end (nothing to count). */
    Long millis() {
      return startedAt != null && finishedAt != null
          ? Math.max(0, Duration.between(startedAt, finishedAt).toMillis()) : null;
    }
  }

  /** Pruned runs of one workflow, day and end state; {@code maxMillis} null before V009. */
  public record DailyCount(String workflowId, LocalDate day, RunState state, long runs,
      long totalMillis, Long maxMillis) {}

  private record StateKey(String workflowId, LocalDate day, RunState state) implements Comparable<StateKey> {
    @Override
    public int compareTo(StateKey o) {
      int c = workflowId.compareTo(o.workflowId);
      c = c != 0 ? c : day.compareTo(o.day);
      return c != 0 ? c : state.compareTo(o.state);
    }
  }

  private record BucketKey(String workflowId, LocalDate day, int bucket) implements Comparable<BucketKey> {
    @Override
    public int compareTo(BucketKey o) {
      int c = workflowId.compareTo(o.workflowId);
      c = c != 0 ? c : day.compareTo(o.day);
      return c != 0 ? c : Integer.compare(bucket, o.bucket);
    }
  }

  private final Jdbc jdbc;

  /** {@code jdbc}: the pruning transaction when writing. */
  public DailyAggregates(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Counts runs into the aggregates, one statement per (day, state) and (day, bucket) rather than
   * per run: a long pause leaves thousands of skipped slots of the same few days. Keys are taken
   * in a fixed order, so two nodes pruning at once lock rows in the same order.
   */
  void add(List<Pruned> runs) {
    Map<StateKey, List<Pruned>> byState = runs.stream().collect(Collectors.groupingBy(
        p -> new StateKey(p.workflowId(), p.day(), p.state()), TreeMap::new, Collectors.toList()));
    byState.forEach(this::addCounts);
    Map<BucketKey, Long> byBucket = runs.stream().filter(p -> p.millis() != null).collect(Collectors.groupingBy(
        p -> new BucketKey(p.workflowId(), p.day(), DurationBuckets.of(p.millis())), TreeMap::new,
        Collectors.counting()));
    byBucket.forEach(this::addBucket);
  }

  private void addCounts(StateKey k, List<Pruned> runs) {
    long total = runs.stream().map(Pruned::millis).filter(m -> m != null).mapToLong(Long::longValue).sum();
    Long max = runs.stream().map(Pruned::millis).filter(m -> m != null).max(Long::compare).orElse(null);
    int updated = max == null
        ? jdbc.update("UPDATE sc_run_daily SET runs = runs + ?, total_ms = total_ms + ?"
                + " WHERE workflow_id = ? AND run_day = ? AND state = ?",
            a -> a.longValue((long) runs.size()).longValue(total).string(k.workflowId()).date(k.day()).name(k.state()))
        : jdbc.update("UPDATE sc_run_daily SET runs = runs + ?, total_ms = total_ms + ?,"
                + " max_ms = GREATEST(COALESCE(max_ms, ?), ?) WHERE workflow_id = ? AND run_day = ? AND state = ?",
            a -> a.longValue((long) runs.size()).longValue(total).longValue(max).longValue(max)
                .string(k.workflowId()).date(k.day()).name(k.state()));
    if (updated == 0) {
      jdbc.update("INSERT INTO sc_run_daily (workflow_id, run_day, state, runs, total_ms, max_ms)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          a -> a.string(k.workflowId()).date(k.day()).name(k.state()).longValue((long) runs.size())
              .longValue(total).longValue(max));
    }
  }

  private void addBucket(BucketKey k, long runs) {
    int updated = jdbc.update("UPDATE sc_run_daily_durations SET runs = runs + ?"
            + " WHERE workflow_id = ? AND run_day = ? AND bucket = ?",
        a -> a.longValue(runs).string(k.workflowId()).date(k.day()).intValue(k.bucket()));
    if (updated == 0) {
      jdbc.update("INSERT INTO sc_run_daily_durations (workflow_id, run_day, bucket, runs) VALUES (?, ?, ?, ?)",
          a -> a.string(k.workflowId()).date(k.day()).intValue(k.bucket()).longValue(runs));
    }
  }

  /** Daily counts of a workflow (all workflows if null), oldest first. */
  public List<DailyCount> counts(String workflowId) {
    String sql = "SELECT workflow_id, run_day, state, runs, total_ms, max_ms FROM sc_run_daily"
        + (workflowId != null ? " WHERE workflow_id = ?" : "") + " ORDER BY run_day, workflow_id, state";
    return jdbc.query(sql, a -> {
      if (workflowId != null) {
        a.string(workflowId);
      }
    }, r -> new DailyCount(r.string("workflow_id"), r.date("run_day"), r.enumValue("state", RunState.class),
        r.longValue("runs"), r.longValue("total_ms"), r.nullableLong("max_ms")));
  }
}
