package dev.shotclock.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run measures. Within a comparison group the systems alternate (A B C A B C ...), so
 * that drift in the load of this shared machine hits every system alike.
 */
final class Plan {

  /** One comparison group: the same scenario, store, size, duration; systems in this order. */
  record Group(String scenario, String store, int size, int seconds, List<String> systems) {
    /** What {@code --only} also selects it by: "cluster" for the cluster scenarios. */
    String family() {
      return CLUSTER.contains(scenario) ? "cluster" : scenario;
    }

    List<Measurement> measurements() {
      return systems.stream().map(s -> new Measurement(scenario, s, store, size, seconds)).toList();
    }
  }

  static final List<String> CLUSTER = List.of("cluster-fire", "cluster-drain", "failover");

  private Plan() {}

  static List<Group> groups(boolean quick) {
    List<Group> g = new ArrayList<>();
    List<String> scq = List.of("shotclock", "quartz");
    // fire throughput and its scale curve (trigger counts)
    for (int n : quick ? new int[] {1000, 2000} : new int[] {1000, 10000}) {
      g.add(new Group("fire", "h2", n, 0, scq));
    }
    for (int n : quick ? new int[] {1000} : new int[] {1000, 10000}) {
      g.add(new Group("fire", "pg", n, 0, List.of("shotclock", "quartz", "dbscheduler")));
    }
    // the same triggers on one workflow (one job), as a backfill makes them
    g.add(new Group("fire-one-wf", "h2", 1000, 0, scq));
    // lateness: 200 cron triggers every second
    int lateSeconds = quick ? 30 : 120;
    g.add(new Group("lateness", "h2", 200, lateSeconds, scq));
    g.add(new Group("lateness", "pg", 200, lateSeconds, scq));
    // and well below capacity, to tell the cost of a fire from the queueing of an overload
    g.add(new Group("lateness", "h2", 20, lateSeconds, scq));
    // queue drain
    int tasks = quick ? 10_000 : 100_000;
    g.add(new Group("drain", "pg", tasks, 0, List.of("shotclock", "dbscheduler")));
    g.add(new Group("drain", "h2", tasks, 0, List.of("shotclock")));
    // claim latency against the backlog
    for (String store : List.of("pg", "h2")) {
      // H2 loads about 2,000 rows/s here (index upkeep): a million would take most of an hour
      int big = quick || store.equals("h2") ? 100_000 : 1_000_000;
      for (int pending : new int[] {1000, big}) {
        g.add(new Group("claim", store, pending, 0, List.of("shotclock")));
      }
    }
    // footprint: 100 workflows, idle for 30 s (quick) or 5 min
    g.add(new Group("footprint", "-", 100, quick ? 30 : 300, scq));
    // process steps
    g.add(new Group("steps", "h2", quick ? 20 : 50, 0, List.of("shotclock", "processbuilder")));
    // cluster: 1, 2, 3 nodes (processes) on one PostgreSQL schema; failover over K kills (size)
    List<String> nodes = List.of("nodes1", "nodes2", "nodes3");
    g.add(new Group("cluster-fire", "pg", quick ? 500 : 2000, 0, nodes));
    g.add(new Group("cluster-drain", "pg", quick ? 5000 : 20_000, 0, nodes));
    g.add(new Group("failover", "pg", quick ? 3 : 10, 0, List.of("nodes2")));
    return g;
  }
}
