package dev.shotclock.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Statement counts of one H2 measurement, from H2's own {@code INFORMATION_SCHEMA.QUERY_STATISTICS}
 * (switched on just before the release): how many statements and commits a fire costs, and which
 * ones. The H2 counterpart of {@link PgTableStats}; the per-statement list goes to the
 * measurement's log (stdout), the totals into its metrics.
 */
final class H2QueryStats {

  private H2QueryStats() {}

  static void start(BenchStore store) throws SQLException {
    try (Connection c = DriverManager.getConnection(store.url(), store.user(), "");
        Statement st = c.createStatement()) {
      st.execute("SET QUERY_STATISTICS_MAX_ENTRIES 500");
      st.execute("SET QUERY_STATISTICS TRUE");
    }
  }

  /** statements_per_fire, commits_per_fire, acquisitions_per_fire; the list to stdout. */
  static void perFire(BenchStore store, int n, Metrics m) throws SQLException {
    long statements = 0;
    long commits = 0;
    long acquisitions = 0;
    try (Connection c = DriverManager.getConnection(store.url(), store.user(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT,"
            + " CUMULATIVE_EXECUTION_TIME FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
            + " ORDER BY CUMULATIVE_EXECUTION_TIME DESC")) {
      while (rs.next()) {
        String sql = rs.getString(1).replaceAll("\\s+", " ");
        long count = rs.getLong(2);
        statements += count;
        if (sql.startsWith("COMMIT")) {
          commits += count;
        }
        if (sql.contains("NEXT_FIRE_TIME <= ?") && sql.contains("ORDER BY NEXT_FIRE_TIME")) {
          acquisitions += count;
        }
        System.out.printf("H2STAT %8d x %9.1f ms  %s%n", count, rs.getDouble(3),
            sql.length() > 160 ? sql.substring(0, 160) : sql);
      }
    }
    m.put("statements_per_fire", (double) statements / n)
        .put("commits_per_fire", (double) commits / n)
        .put("acquisitions_per_fire", (double) acquisitions / n);
  }
}
