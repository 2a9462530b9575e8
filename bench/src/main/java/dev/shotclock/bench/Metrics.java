package dev.shotclock.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one measurement reports: named numbers, in the order they were put. */
public final class Metrics {

  private final Map<String, Double> values = new LinkedHashMap<>();

  public Metrics put(String name, double value) {
    values.put(name, value);
    return this;
  }

  public Metrics putAll(Metrics other) {
    values.putAll(other.values);
    return this;
  }

  /** p50, p99 and max of a sample, as NAME_p50, NAME_p99, NAME_max. */
  public Metrics percentiles(String name, List<? extends Number> sample) {
    double[] s = Stats.sorted(sample);
    put(name + "_p50", Stats.percentile(s, 50));
    put(name + "_p99", Stats.percentile(s, 99));
    put(name + "_max", s.length == 0 ? Double.NaN : s[s.length - 1]);
    return this;
  }

  public Map<String, Double> values() {
    return values;
  }
}
