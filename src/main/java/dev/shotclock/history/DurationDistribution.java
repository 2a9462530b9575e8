package dev.shotclock.history;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durations of runs, exact (runs still stored) and bucketed (pruned runs, each read as its
 * bucket's midpoint, but never above the longest duration recorded for them), merged into one
 * distribution to read percentiles from. Not thread-safe: one per question.
 */
final class DurationDistribution {

  private final TreeMap<Long, Long> counts = new TreeMap<>();
  private long total;
  private Long max;

  /** A run that is still stored: its exact duration. */
  void addExact(long millis) {
    long value = Math.max(0, millis);
    add(value, 1);
    addMax(value);
  }

  /**
   * {@code runs} pruned runs of one bucket; {@code ceiling} is the longest duration recorded for
   * the day they belong to (null: unknown), so a midpoint never reads longer than that.
   */
  void addBucket(int bucket, long runs, Long ceiling) {
    long value = DurationBuckets.midpoint(bucket);
    add(ceiling != null ? Math.min(value, ceiling) : value, runs);
  }

  /** The longest duration recorded for pruned runs (from their aggregate row, exact). */
  void addMax(long millis) {
    max = max == null ? millis : Math.max(max, millis);
  }

  void addAll(DurationDistribution other) {
    other.counts.forEach(this::add);
    if (other.max != null) {
      addMax(other.max);
    }
  }

  private void add(long value, long runs) {
    if (runs > 0) {
      counts.merge(value, runs, Long::sum);
      total += runs;
    }
  }

  /** How many durations the percentiles are read from. */
  long count() {
    return total;
  }

  /** The nearest-rank percentile ({@code p} in (0, 100]), or null without durations. */
  Long percentile(double p) {
    if (total == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    return counts.lastKey();
  }

  /** The longest duration, or null without durations. */
  Long max() {
    return total == 0 ? null : max != null ? max : counts.lastKey();
  }
}
