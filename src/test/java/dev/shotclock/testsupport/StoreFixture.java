package dev.shotclock.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.config.StoreSettings;
import dev.shotclock.db.DataSources;
import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import dev.shotclock.db.Migrator;
import java.nio.file.Path;
import java.time.Clock;

/** A migrated store for a test: pool, JDBC helper; close it after the test. */
public final class StoreFixture implements AutoCloseable {

  private final StoreSettings settings;
  private final HikariDataSource pool;
  private final Jdbc jdbc;

  private StoreFixture(StoreSettings settings) {
    this.settings = settings;
    this.pool = DataSources.create(settings, "test", 8);
    this.jdbc = new Jdbc(pool, Dialect.forUrl(settings.url()));
  }

  /** A fresh store of the given kind, migrated to the current schema. */
  public static StoreFixture migrated(TestStores.Kind kind, Path dir, Clock clock) {
    StoreFixture f = new StoreFixture(TestStores.create(kind, dir));
    new Migrator(f.jdbc, clock).migrate();
    return f;
  }

  /** A fresh, empty store (not migrated). */
  public static StoreFixture empty(TestStores.Kind kind, Path dir) {
    return new StoreFixture(TestStores.create(kind, dir));
  }

  public Jdbc jdbc() {
    return jdbc;
  }

  public StoreSettings settings() {
    return settings;
  }

  public HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    TestStores.drop(settings);
  }
}
