package dev.shotclock.dispatch;

import dev.shotclock.db.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Task launches per source, in the store, so that rate limits over sliding windows hold across
 * restarts and across the nodes of a cluster.
 */
final class LaunchLog {

  /** Launches in a window, per source and in all. */
  record Window(Map<String, Integer> bySource, int total) {
    int of(String source) {
      return bySource.getOrDefault(source, 0);
    }
  }

  private final Jdbc jdbc;

  LaunchLog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void record(String source, Instant at) {
    jdbc.update("INSERT INTO sc_task_launches (source, at) VALUES (?, ?)", a -> a.string(source).instant(at));
  }

  Window since(Instant from) {
    Map<String, Integer> by = new HashMap<>();
    jdbc.query("SELECT source, COUNT(*) AS n FROM sc_task_launches WHERE at > ? GROUP BY source",
        a -> a.instant(from), r -> by.put(r.string("source"), r.intValue("n")));
    return new Window(by, by.values().stream().mapToInt(Integer::intValue).sum());
  }

  Map<String, Instant> lastLaunches(Instant from) {
    Map<String, Instant> last = new HashMap<>();
    jdbc.query("SELECT source, MAX(at) AS t FROM sc_task_launches WHERE at > ? GROUP BY source",
        a -> a.instant(from), r -> last.put(r.string("source"), r.instant("t")));
    return last;
  }

  /** Launches older than the longest window are no longer needed. */
  void prune(Instant now) {
    jdbc.update("DELETE FROM sc_task_launches WHERE at < ?", a -> a.instant(now.minus(Duration.ofHours(2))));
  }
}
