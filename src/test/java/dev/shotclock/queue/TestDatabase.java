package dev.shotclock.queue;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.db.DataSources;
import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated store for one test: an H2 file in a temporary directory, or a new schema in
 * the local PostgreSQL. PostgreSQL tests are skipped when it is unreachable, except with
 * {@code CI=true}, where they fail: CI never silently skips a dialect.
 */
final class TestDatabase implements AutoCloseable {

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  private static final int POOL_SIZE = 8;

  private final HikariDataSource dataSource;
  private final Jdbc jdbc;
  private final String pgSchema;

  private TestDatabase(String url, String user, String pgSchema, Clock clock) {
    StoreSettings store = new StoreSettings(url, user, null, POOL_SIZE, Duration.ofSeconds(5),
        Duration.ofSeconds(120), Duration.ofSeconds(5));
    this.dataSource = DataSources.create(store, "test-" + UUID.randomUUID(), POOL_SIZE);
    this.jdbc = new Jdbc(dataSource, Dialect.forUrl(url));
    this.pgSchema = pgSchema;
    new Migrator(jdbc, clock).migrate();
  }

  static TestDatabase h2(Path dir, Clock clock) {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    return new TestDatabase(url, "sa", null, clock);
  }

  static TestDatabase postgres(Clock clock) {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = connectPostgresOrSkip(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema " + schema, e);
    }
    return new TestDatabase(PG_URL + "?currentSchema=" + schema, PG_USER, schema, clock);
  }

  /** A plain connection to the test database; skips the test (fails in CI) when unreachable. */
  static Connection connectPostgresOrSkip() {
    try {
      return DriverManager.getConnection(PG_URL + "?connectTimeout=3", PG_USER, null);
    } catch (SQLException e) {
      String why = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + ": "
          + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why + " (CI=true: PostgreSQL tests must run)", e);
      }
      Assumptions.abort(why);
      throw new AssertionError("unreachable");
    }
  }

  Jdbc jdbc() {
    return jdbc;
  }

  @Override
  public void close() throws SQLException {
    dataSource.close();
    if (pgSchema != null) {
      try (Connection c = connectPostgresOrSkip(); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + pgSchema + " CASCADE");
      }
    }
  }
}
