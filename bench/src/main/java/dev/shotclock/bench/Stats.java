package dev.shotclock.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample (nearest rank), and median and spread of repetitions. */
public final class Stats {

  private Stats() {}

  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static double[] sorted(Collection<? extends Number> values) {
    double[] a = values.stream().mapToDouble(Number::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  public static double median(Collection<? extends Number> values) {
    double[] a = sorted(values);
    if (a.length == 0) {
      return Double.NaN;
    }
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** (max - min) / median: how far apart the repetitions are, as a fraction. */
  public static double spread(Collection<? extends Number> values) {
    double[] a = sorted(values);
    double m = median(values);
    return a.length < 2 || m == 0 ? 0 : (a[a.length - 1] - a[0]) / Math.abs(m);
  }
}
