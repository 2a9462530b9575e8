package dev.shotclock.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row writes and scans per table of one measurement's PostgreSQL schema, from
 * pg_stat_user_tables: what a fire costs the database, per table, without tracing statements.
 * The server publishes a backend's counters within about a second, hence the pause.
 */
final class PgTableStats {

  private PgTableStats() {}

  /** table -> {rows inserted + updated + deleted, index and sequential scans}. */
  static Map<String, long[]> snapshot(BenchStore store) throws SQLException, InterruptedException {
    Thread.sleep(1500);
    Map<String, long[]> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(BenchStore.PG_BASE, BenchStore.PG_USER, "");
        PreparedStatement ps = c.prepareStatement("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del,"
            + " COALESCE(idx_scan, 0) + COALESCE(seq_scan, 0) FROM pg_stat_user_tables"
            + " WHERE schemaname = ?")) {
      ps.setString(1, store.schema());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1).toLowerCase(), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }

  /** Per-fire differences into the metrics: writes_per_fire, scans_per_fire, writes_TABLE. */
  static void perFire(Map<String, long[]> before, Map<String, long[]> after, int n, Metrics m) {
    long writes = 0;
    long scans = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      long w = e.getValue()[0] - b[0];
      writes += w;
      scans += e.getValue()[1] - b[1];
      if (w > 0) {
        m.put("writes_" + e.getKey(), (double) w / n);
      }
    }
    m.put("writes_per_fire", (double) writes / n).put("scans_per_fire", (double) scans / n);
  }
}
