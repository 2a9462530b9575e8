package dev.shotclock.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.db.DbException;
import dev.shotclock.db.StoreSize;
import dev.shotclock.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store-size warning on fake sizes and free space, with a hand-moved clock. */
class StoreSizeCheckTest {

  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final Path FILE = Path.of("/var/lib/shotclock/db/shotclock.mv.db");
  private static final StoreSizeCheck.Limits LIMITS = new StoreSizeCheck.Limits(2 * GIB, 0.25, GIB);

  private final MutableClock clock = MutableClock.at("2026-12-08T00:00:00Z");
  private final AtomicLong size = new AtomicLong(10 * MIB);
  private final AtomicLong free = new AtomicLong(50 * GIB);

  private StoreSize.Measurement h2() {
    return new StoreSize.Measurement(size.get(), size.get() / 2, FILE, free.get(), clock.instant());
  }

  private StoreSizeCheck check(StoreSizeCheck.Limits limits) {
    return new StoreSizeCheck(this::h2, limits, clock);
  }

  @Test
  void a_small_store_on_a_roomy_disk_is_up_and_says_its_file_size_live_data_and_free_space() {
    CheckResult r = check(LIMITS).runOnce();

    assertThat(r.health()).isEqualTo(Health.UP);
    assertThat(r.detail()).isEqualTo("store file " + FILE + " 10.0 MiB (live data about 5.0 MiB); 50.0 GiB free on its disk");
  }

  @Test
  void a_store_above_store_max_size_is_degraded_with_file_size_and_free_space_named() {
    size.set(3 * GIB);

    CheckResult r = check(LIMITS).runOnce();

    assertThat(r.health()).isEqualTo(Health.DEGRADED);
    assertThat(r.detail()).startsWith("store file " + FILE + " is 3.0 GiB, above watchdog.store_max_size 2.0 GiB")
        .contains("50.0 GiB free on its disk");
  }

  @Test
  void a_file_taking_more_than_its_share_of_the_headroom_above_min_free_is_degraded() {
    free.set(GIB + 400 * MIB); // 400 MiB left before min_free; a quarter of it is 100 MiB
    size.set(101 * MIB);

    CheckResult r = check(LIMITS).runOnce();

    assertThat(r.health()).isEqualTo(Health.DEGRADED);
    assertThat(r.detail()).contains("store file " + FILE + " is 101.0 MiB, more than"
        + " watchdog.store_max_share_of_free 25% of the 400.0 MiB left on its disk before"
        + " watchdog.min_free 1.0 GiB is reached").contains("1.4 GiB free on its disk");
    size.set(99 * MIB);
    assertThat(check(LIMITS).runOnce().health()).isEqualTo(Health.UP);
  }

  @ParameterizedTest(name = "free at first: {0} MiB")
  @ValueSource(longs = {3072, 1229})
  void a_growing_store_is_warned_about_before_the_disk_check_would_trip_at_min_free(long freeMib) {
    // The store is what fills this disk: each tick it grows by what the disk loses. On a disk
    // with little room above min_free (1229 MiB) a share of all free space would come too late.
    size.set(50 * MIB);
    free.set(freeMib * MIB);
    StoreSizeCheck check = check(LIMITS);
    int storeWarnedAt = -1;
    int tick = 0;
    while (free.get() >= LIMITS.minFreeBytes()) { // the disk check's condition for UP
      if (storeWarnedAt < 0 && check.runOnce().health() == Health.DEGRADED) {
        storeWarnedAt = tick;
      }
      size.addAndGet(17 * MIB);
      free.addAndGet(-17 * MIB);
      clock.tick(Duration.ofMinutes(1));
      tick++;
    }

    assertThat(storeWarnedAt).as("the store warning came first").isBetween(0, tick - 1);
    // and with room left to act: more than half of the headroom was still free
    assertThat(tick - storeWarnedAt).isGreaterThan(tick / 2);
  }

  @Test
  void growth_over_the_last_hour_is_reported_once_five_minutes_are_measured() {
    StoreSizeCheck check = check(LIMITS);
    check.runOnce();
    for (int minute = 1; minute <= 4; minute++) {
      clock.tick(Duration.ofMinutes(1));
      size.addAndGet(MIB);
      assertThat(check.runOnce().detail()).doesNotContain("per hour");
    }
    clock.tick(Duration.ofMinutes(1));
    size.addAndGet(MIB);

    assertThat(check.runOnce().detail()).endsWith("; +60.0 MiB per hour over the last 5 min");
  }

  @Test
  void growth_is_measured_over_at_most_about_an_hour() {
    StoreSizeCheck check = check(LIMITS);
    check.runOnce();
    // an hour of fast growth, then an hour of none: the rate is of the last hour only
    for (int minute = 1; minute <= 60; minute++) {
      clock.tick(Duration.ofMinutes(1));
      size.addAndGet(10 * MIB);
      check.runOnce();
    }
    for (int minute = 1; minute <= 60; minute++) {
      clock.tick(Duration.ofMinutes(1));
      check.runOnce();
    }
    clock.tick(Duration.ofMinutes(1));

    assertThat(check.runOnce().detail()).endsWith("; +0 B per hour over the last 60 min");
  }

  @Test
  void on_postgresql_only_the_absolute_limit_applies_to_the_tables() {
    StoreSizeCheck check = new StoreSizeCheck(
        () -> new StoreSize.Measurement(size.get(), null, null, null, clock.instant()), LIMITS, clock);
    size.set(GIB);
    CheckResult ok = check.runOnce();
    size.set(3 * GIB);
    CheckResult big = check.runOnce();

    assertThat(ok.health()).isEqualTo(Health.UP);
    assertThat(ok.detail()).isEqualTo("store (ShotClock and Quartz tables) 1.0 GiB");
    assertThat(big.health()).isEqualTo(Health.DEGRADED);
    assertThat(big.detail()).startsWith("store (ShotClock and Quartz tables) is 3.0 GiB, above watchdog.store_max_size");
  }

  @Test
  void a_size_that_cannot_be_read_is_no_finding() {
    StoreSizeCheck check = new StoreSizeCheck(() -> {
      throw new DbException("connection refused");
    }, LIMITS, clock);

    CheckResult r = check.runOnce();

    assertThat(r.health()).isEqualTo(Health.UP);
    assertThat(r.detail()).isEqualTo("not measured: connection refused");
  }

  @Test
  void sizes_read_as_people_write_them() {
    assertThat(dev.shotclock.config.Sizes.human(512)).isEqualTo("512 B");
    assertThat(dev.shotclock.config.Sizes.human(1536)).isEqualTo("1.5 KiB");
    assertThat(dev.shotclock.config.Sizes.human(17 * MIB)).isEqualTo("17.0 MiB");
    assertThat(dev.shotclock.config.Sizes.human(5 * GIB / 2)).isEqualTo("2.5 GiB");
  }
}
