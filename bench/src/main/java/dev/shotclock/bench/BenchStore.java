package dev.shotclock.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.db.DataSources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * One measurement's store: a fresh H2 file (with the flags ShotClock's default store uses) or a
 * fresh schema in the local PostgreSQL. Every system under test gets its own, so no run sees
 * another's rows; all of them live on the same disk and the same PostgreSQL server.
 */
public record BenchStore(String kind, String url, String user, String schema, Path dir) {

  public static final String PG_BASE = System.getProperty("bench.pg",
      "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER = System.getProperty("bench.pg.user", "postgres");

  public static BenchStore create(String kind, Path dir) {
    return switch (kind) {
      case "h2" -> new BenchStore("h2", "jdbc:h2:retry:" + dir.resolve("db/shotclock").toAbsolutePath()
          + System.getProperty("bench.h2.flags", ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;REUSE_SPACE=FALSE"), "sa", null, dir);
      case "pg" -> postgres(dir);
      default -> throw new IllegalArgumentException("store must be h2 or pg, not " + kind);
    };
  }

  private static BenchStore postgres(Path dir) {
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    adminSql("CREATE SCHEMA " + schema);
    return new BenchStore("pg", PG_BASE + "?currentSchema=" + schema, PG_USER, schema, dir);
  }

  public boolean isPostgres() {
    return kind.equals("pg");
  }

  public StoreSettings settings(int poolSize) {
    return new StoreSettings(url, user, "", poolSize, Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(5));
  }

  /** A Hikari pool built the way ShotClock builds its own (finite timeouts, autocommit). */
  public HikariDataSource pool(String name, int size) {
    return DataSources.create(settings(size), name, size);
  }

  /** Drops the PostgreSQL schema; H2 files are removed with the run's temp directory. */
  public void drop() {
    if (schema != null) {
      adminSql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  public static void adminSql(String sql) {
    try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + PG_BASE + ": " + e.getMessage(), e);
    }
  }
}
