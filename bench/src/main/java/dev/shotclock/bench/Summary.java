package dev.shotclock.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ratios ShotClock / peer per scenario, store, size and key metric: medians and spread of each
 * side, and the median and range of the per-repetition ratios (repetition i of one system against
 * repetition i of the other, which ran next to each other). For the claim scale the "peer" is
 * ShotClock itself at the smallest backlog.
 */
record Summary(List<Row> rows, List<Target> targets) {

  record Key(String metric, boolean higherIsBetter) {}

  record Row(String scenario, String store, int size, String metric, boolean higherIsBetter,
      String system, double median, double spread, String peer, Double peerMedian,
      Double peerSpread, Double ratio, Double ratioMin, Double ratioMax, int reps) {}

  record Target(String name, String measured, Boolean met) {}

  static final Map<String, List<Key>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("fire", List.of(new Key("fires_per_s", true)));
    KEYS.put("fire-one-wf", List.of(new Key("fires_per_s", true)));
    KEYS.put("lateness", List.of(new Key("lateness_ms_p50", false),
        new Key("lateness_ms_p99", false), new Key("lateness_ms_max", false)));
    KEYS.put("drain", List.of(new Key("tasks_per_s", true), new Key("claim_ms_p50", false),
        new Key("claim_ms_p99", false)));
    KEYS.put("claim", List.of(new Key("claim_ms_p50", false), new Key("claim_ms_p99", false)));
    KEYS.put("footprint", List.of(new Key("start_to_first_fire_ms", false),
        new Key("rss_mb", false), new Key("heap_used_mb", false)));
    KEYS.put("steps", List.of(new Key("per_step_ms", false)));
    KEYS.put("cluster-fire", List.of(new Key("fires_per_s", true)));
    KEYS.put("cluster-drain", List.of(new Key("tasks_per_s", true)));
    KEYS.put("failover", List.of(new Key("failover_ms_median", false),
        new Key("failover_ms_max", false), new Key("bound_ms", false)));
  }

  static Summary of(List<Result> results) {
    List<Row> rows = new ArrayList<>();
    for (String scenario : KEYS.keySet()) {
      List<Result> mine = results.stream()
          .filter(r -> r.measurement().scenario().equals(scenario) && r.error() == null).toList();
      if (scenario.equals("claim")) {
        claimRows(mine, rows);
        continue;
      }
      if (Plan.CLUSTER.contains(scenario)) {
        clusterRows(scenario, mine, rows);
        continue;
      }
      Map<String, List<Result>> groups = new LinkedHashMap<>();
      mine.forEach(r -> groups.computeIfAbsent(r.measurement().group(), k -> new ArrayList<>()).add(r));
      for (List<Result> g : groups.values()) {
        List<String> systems = g.stream().map(r -> r.measurement().system()).distinct().toList();
        for (Key k : KEYS.get(scenario)) {
          List<String> peers = systems.stream().filter(s -> !s.equals("shotclock")).toList();
          if (peers.isEmpty()) {
            rows.add(row(g, k, "shotclock", null));
          }
          for (String peer : peers) {
            rows.add(row(g, k, "shotclock", peer));
          }
        }
      }
    }
    return new Summary(rows, targets(rows));
  }

  /** Per size: 1 node alone, then every larger cluster against 1 node ("peer" nodes1). */
  private static void clusterRows(String scenario, List<Result> results, List<Row> rows) {
    Map<Integer, List<Result>> bySize = new LinkedHashMap<>();
    results.forEach(r -> bySize.computeIfAbsent(r.measurement().size(), k -> new ArrayList<>()).add(r));
    for (List<Result> g : bySize.values()) {
      List<String> systems = g.stream().map(r -> r.measurement().system()).distinct().sorted().toList();
      List<Result> base = g.stream().filter(r -> r.measurement().system().equals("nodes1")).toList();
      for (Key k : KEYS.get(scenario)) {
        for (String s : systems) {
          List<Result> mine = g.stream().filter(r -> r.measurement().system().equals(s)).toList();
          boolean alone = s.equals("nodes1") || base.isEmpty();
          rows.add(compare(scenario, k, mine, s, alone ? List.of() : base, alone ? null : "nodes1"));
        }
      }
    }
  }

  /** Per store: each larger backlog against the smallest one. */
  private static void claimRows(List<Result> claims, List<Row> rows) {
    Map<String, List<Result>> byStore = new LinkedHashMap<>();
    claims.forEach(r -> byStore.computeIfAbsent(r.measurement().store(), k -> new ArrayList<>()).add(r));
    for (List<Result> store : byStore.values()) {
      int smallest = store.stream().mapToInt(r -> r.measurement().size()).min().orElse(0);
      List<Result> base = store.stream().filter(r -> r.measurement().size() == smallest).toList();
      store.stream().map(r -> r.measurement().size()).filter(s -> s != smallest).distinct()
          .forEach(size -> {
            List<Result> big = store.stream().filter(r -> r.measurement().size() == size).toList();
            for (Key k : KEYS.get("claim")) {
              rows.add(compare("claim", k, big, "shotclock@" + size, base, "shotclock@" + smallest));
            }
          });
    }
  }

  private static Row row(List<Result> group, Key k, String system, String peer) {
    List<Result> a = group.stream().filter(r -> r.measurement().system().equals(system)).toList();
    List<Result> b = peer == null ? List.of()
        : group.stream().filter(r -> r.measurement().system().equals(peer)).toList();
    return compare(group.get(0).measurement().scenario(), k, a, system, b, peer);
  }

  private static Row compare(String scenario, Key k, List<Result> a, String system, List<Result> b,
      String peer) {
    List<Double> av = values(a, k.metric());
    List<Double> bv = values(b, k.metric());
    Measurement m = a.get(0).measurement();
    system = m.system().startsWith("nodes") ? m.system() : system;
    Double ratio = null;
    Double lo = null;
    Double hi = null;
    if (!bv.isEmpty()) {
      List<Double> perRep = new ArrayList<>();
      for (int i = 0; i < Math.min(av.size(), bv.size()); i++) {
        perRep.add(av.get(i) / bv.get(i));
      }
      ratio = Stats.median(av) / Stats.median(bv);
      lo = perRep.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      hi = perRep.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
    return new Row(scenario, m.store(), m.size(), k.metric(), k.higherIsBetter(), system,
        Stats.median(av), Stats.spread(av), peer, bv.isEmpty() ? null : Stats.median(bv),
        bv.isEmpty() ? null : Stats.spread(bv), ratio, lo, hi, av.size());
  }

  private static List<Double> values(List<Result> rs, String metric) {
    return rs.stream().sorted((x, y) -> Integer.compare(x.rep(), y.rep()))
        .map(r -> r.metrics().get(metric)).filter(Objects::nonNull).toList();
  }

  private static List<Target> targets(List<Row> rows) {
    List<Target> t = new ArrayList<>();
    for (Row r : rows) {
      if (r.scenario().equals("fire") && "quartz".equals(r.peer()) && r.ratio() != null) {
        t.add(new Target("fire throughput >= 0.8x plain Quartz (" + r.store() + ", " + r.size()
            + " triggers)", fmt(r.ratio()) + "x", r.ratio() >= 0.8));
      }
      if (r.scenario().equals("drain") && r.store().equals("pg") && "dbscheduler".equals(r.peer())
          && r.metric().equals("tasks_per_s") && r.ratio() != null) {
        t.add(new Target("queue drain on PostgreSQL >= 1.0x db-scheduler lock-and-fetch ("
            + r.size() + " tasks)", fmt(r.ratio()) + "x", r.ratio() >= 1.0));
      }
      if (r.scenario().equals("lateness") && r.store().equals("h2")
          && r.metric().equals("lateness_ms_p99") && "quartz".equals(r.peer()) && r.size() == 200) {
        t.add(new Target("lateness p99 <= 50 ms on H2 at " + r.size() + " triggers/s",
            fmt(r.median()) + " ms", r.median() <= 50));
      }
      if (r.scenario().equals("footprint") && "quartz".equals(r.peer())) {
        if (r.metric().equals("start_to_first_fire_ms")) {
          t.add(new Target("cold start to first fire <= 3 s", fmt(r.median() / 1000) + " s",
              r.median() <= 3000));
        }
        if (r.metric().equals("rss_mb")) {
          t.add(new Target("idle RSS <= 200 MB with " + r.size() + " workflows",
              fmt(r.median()) + " MB", r.median() <= 200));
        }
      }
      if (r.scenario().equals("claim") && r.metric().equals("claim_ms_p50") && r.ratio() != null) {
        t.add(new Target("claim latency p50 at " + r.system().substring(10) + " pending within 2x of "
            + r.peer().substring(10) + " (" + r.store() + ")", fmt(r.ratio()) + "x", r.ratio() <= 2));
      }
    }
    return t;
  }

  static String fmt(Double v) {
    if (v == null || v.isNaN()) {
      return "-";
    }
    double a = Math.abs(v);
    return a >= 100 ? String.format("%.0f", v) : a >= 10 ? String.format("%.1f", v)
        : String.format("%.2f", v);
  }
}
