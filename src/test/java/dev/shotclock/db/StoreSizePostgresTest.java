package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On PostgreSQL the store is its schema's ShotClock and Quartz tables, and nothing else in it. */
class StoreSizePostgresTest {

  @TempDir Path dir;
  StoreFixture store;
  final MutableClock clock = MutableClock.at("2026-12-08T00:00:00Z");

  @BeforeEach
  void createStore() {
    store = StoreFixture.migrated(TestStores.Kind.POSTGRES, dir, clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void the_size_sums_the_sc_and_qrtz_tables_with_their_indexes_and_no_other_table() {
    StoreSize size = new StoreSize(store.jdbc(), Optional.empty(), clock, Duration.ofSeconds(5));
    long expected = store.jdbc().queryLong("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        + " AND c.relkind = 'r'", Jdbc.Binder.NONE);

    store.jdbc().execute("CREATE TABLE other_app_data AS SELECT g AS id, repeat('x', 1000) AS v"
        + " FROM generate_series(1, 2000) g");
    StoreSize.Measurement m = size.measure();

    assertThat(m.sizeBytes()).isEqualTo(expected).isGreaterThan(100_000);
    assertThat(m.file()).isNull();
    assertThat(m.liveBytes()).isNull();
    assertThat(m.diskFreeBytes()).isNull();
  }

  @Test
  void the_size_grows_with_the_data() {
    StoreSize size = new StoreSize(store.jdbc(), Optional.empty(), clock, Duration.ofSeconds(5));
    long before = size.measure().sizeBytes();

    store.jdbc().execute("INSERT INTO sc_events (at, kind, severity, message)"
        + " SELECT now(), 'K', 'INFO', md5(g::text) || repeat('x', 900) FROM generate_series(1, 2000) g");

    assertThat(size.measure().sizeBytes()).isGreaterThan(before + 1_000_000);
  }
}
