package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema migrations, run on each dialect (one subclass per store). */
abstract class MigratorContract {

  @TempDir Path dir;
  StoreFixture store;
  final MutableClock clock = MutableClock.at("2026-11-25T07:00:00Z");

  abstract TestStores.Kind kind();

  @BeforeEach
  void createStore() {
    store = StoreFixture.empty(kind(), dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void migrating_an_empty_store_applies_every_migration_and_a_second_time_none() {
    Migrator migrator = new Migrator(store.jdbc(), clock);
    int all = Migrator.load(store.jdbc().dialect()).size();
    assertThat(migrator.migrate()).isEqualTo(all);
    assertThat(migrator.migrate()).isZero();
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM sc_schema_version", Jdbc.Binder.NONE)).isEqualTo(all);
  }

  @Test
  void quartz_lock_rows_are_seeded() {
    new Migrator(store.jdbc(), clock).migrate();
    List<String> locks = store.jdbc().query("SELECT LOCK_NAME FROM QRTZ_LOCKS WHERE SCHED_NAME = 'ShotClock' ORDER BY LOCK_NAME",
        Jdbc.Binder.NONE, r -> r.string("LOCK_NAME"));
    assertThat(locks).containsExactly("STATE_ACCESS", "TRIGGER_ACCESS");
  }

  @Test
  void an_applied_migration_that_was_edited_afterwards_is_refused() {
    new Migrator(store.jdbc(), clock).migrate();
    store.jdbc().update("UPDATE sc_schema_version SET checksum = 42 WHERE version = 2", Jdbc.Binder.NONE);
    assertThatThrownBy(() -> new Migrator(store.jdbc(), clock).migrate())
        .isInstanceOf(DbException.class).hasMessageContaining("V002__runs").hasMessageContaining("changed");
  }

  @Test
  void a_store_migrated_by_a_newer_shotclock_is_refused_before_anything_is_applied() {
    new Migrator(store.jdbc(), clock).migrate();
    store.jdbc().update("INSERT INTO sc_schema_version (version, name, checksum, applied_at)"
        + " VALUES (999, 'from_the_future', 1, ?)", a -> a.instant(clock.instant()));
    store.jdbc().update("DELETE FROM sc_schema_version WHERE version = 1", Jdbc.Binder.NONE);

    assertThatThrownBy(() -> new Migrator(store.jdbc(), clock).migrate())
        .isInstanceOf(StoreUnusableException.class)
        .hasMessageStartingWith("the store has schema version 999 (table sc_schema_version)")
        .hasMessageContaining("Upgrade ShotClock");
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM sc_schema_version WHERE version = 1", Jdbc.Binder.NONE))
        .as("V001 not applied again").isZero();
  }

  @Test
  void every_dialect_has_the_same_migration_versions() {
    assertThat(Migrator.load(Dialect.H2).stream().map(Migrator.Migration::version))
        .containsExactlyElementsOf(Migrator.load(Dialect.POSTGRES).stream().map(Migrator.Migration::version).toList());
  }

  @Test
  void a_duplicate_key_is_reported_as_a_unique_violation() {
    new Migrator(store.jdbc(), clock).migrate();
    String insert = "INSERT INTO sc_workflow_state (workflow_id, schedule_hash, schedule_since,"
        + " slots_checked_until, created_at, updated_at) VALUES ('wf', 'h', ?, ?, ?, ?)";
    Jdbc.Binder times = a -> a.instant(clock.instant()).instant(clock.instant()).instant(clock.instant()).instant(clock.instant());
    store.jdbc().update(insert, times);
    assertThatThrownBy(() -> store.jdbc().update(insert, times)).isInstanceOf(DbException.UniqueViolation.class);
  }

  @Test
  void a_transaction_that_throws_leaves_nothing_behind() {
    new Migrator(store.jdbc(), clock).migrate();
    assertThatThrownBy(() -> store.jdbc().inTransaction(tx -> {
      tx.update("INSERT INTO sc_events (at, kind, severity, message) VALUES (?, 'K', 'INFO', 'm')",
          a -> a.instant(clock.instant()));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(store.jdbc().queryLong("SELECT COUNT(*) FROM sc_events", Jdbc.Binder.NONE)).isZero();
  }
}
