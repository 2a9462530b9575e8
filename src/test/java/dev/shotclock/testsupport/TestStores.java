package dev.shotclock.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shotclock.config.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Stores for tests: an H2 file in a temp directory, or a fresh schema in the local PostgreSQL
 * (database {@code test}). Without PostgreSQL a test is skipped on a laptop, but under
 * {@code CI=true} it fails: a PostgreSQL test must never silently not run in CI.
 */
public final class TestStores {

  public static final String PG_BASE = System.getProperty("shotclock.test.pg",
      "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER = System.getProperty("shotclock.test.pg.user", "postgres");

  /** Which store a contract test runs on. */
  public enum Kind {
    H2,
    POSTGRES
  }

  private TestStores() {}

  public static StoreSettings create(Kind kind, Path dir) {
    return kind == Kind.H2 ? h2(dir) : postgres();
  }

  public static StoreSettings h2(Path dir) {
    return settings("jdbc:h2:retry:" + dir.resolve("db/shotclock").toAbsolutePath()
        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;REUSE_SPACE=FALSE", "sa", "");
  }

  /** A new empty schema; its name is unique per call. */
  public static StoreSettings postgres() {
    requirePostgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      fail("cannot create a PostgreSQL test schema: " + e.getMessage());
    }
    return settings(PG_BASE + "?currentSchema=" + schema, PG_USER, "");
  }

  /** Drops the PostgreSQL schema of a test store (nothing to do for H2: its files are temp files). */
  public static void drop(StoreSettings store) {
    int at = store.url().indexOf("?currentSchema=");
    if (at < 0 || !store.url().startsWith("jdbc:postgresql:")) {
      return;
    }
    String schema = store.url().substring(at + "?currentSchema=".length());
    try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "");
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      // A leftover schema in the test database is harmless; the next run uses new names.
    }
  }

  public static boolean postgresAvailable() {
    try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public static void requirePostgres() {
    if (postgresAvailable()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("PostgreSQL at " + PG_BASE + " is not reachable, and under CI=true its tests must run");
    }
    assumeTrue(false, "PostgreSQL at " + PG_BASE + " not reachable; skipping (would fail under CI=true)");
  }

  private static StoreSettings settings(String url, String user, String password) {
    return new StoreSettings(url, user, password, 10, Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofSeconds(3));
  }
}
