package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog's store size limits: defaults, both ways to write a share, and what is refused. */
class WatchdogSettingsLoadingTest {

  @TempDir Path tmp;

  @Test
  void without_settings_the_store_may_reach_2gb_or_a_quarter_of_the_free_space_above_min_free() {
    WatchdogSettings w = new ConfigDir(tmp).load().daemon().watchdog();

    assertThat(w.storeMaxBytes()).isEqualTo(2L << 30);
    assertThat(w.storeMaxShareOfFree()).isEqualTo(0.25);
    assertThat(w).isEqualTo(WatchdogSettings.DEFAULT);
  }

  @Test
  void the_limits_are_read_as_a_size_and_a_percentage_or_a_fraction() {
    WatchdogSettings percent = new ConfigDir(tmp.resolve("a"))
        .settings("watchdog: {store_max_size: 512MB, store_max_share_of_free: 10%}\n").load().daemon().watchdog();
    WatchdogSettings fraction = new ConfigDir(tmp.resolve("b"))
        .settings("watchdog: {store_max_share_of_free: 0.5}\n").load().daemon().watchdog();

    assertThat(percent.storeMaxBytes()).isEqualTo(512L << 20);
    assertThat(percent.storeMaxShareOfFree()).isEqualTo(0.1);
    assertThat(fraction.storeMaxShareOfFree()).isEqualTo(0.5);
    assertThat(fraction.storeMaxBytes()).isEqualTo(WatchdogSettings.DEFAULT_STORE_MAX_BYTES);
  }

  @Test
  void a_zero_negative_or_malformed_limit_is_reported_with_its_line() {
    assertThat(new ConfigDir(tmp).settings("""
        watchdog:
          store_max_size: 0
          store_max_share_of_free: 0%
        """).problems()).containsExactly(
            "conf/shotclock.yaml:2 watchdog.store_max_size: must be more than 0, got '0'",
            "conf/shotclock.yaml:3 watchdog.store_max_share_of_free: must be more than 0, got '0%'");
    assertThat(new ConfigDir(tmp).settings("""
        watchdog:
          store_max_size: lots
          store_max_share_of_free: 150%
        """).problems()).containsExactly(
            "conf/shotclock.yaml:2 watchdog.store_max_size: invalid size 'lots'; use e.g. 512, 64KB, 50MB or 1GB",
            "conf/shotclock.yaml:3 watchdog.store_max_share_of_free: must be a fraction from 0 to 1 or a"
                + " percentage like 20%, got '150%'");
    assertThat(new ConfigDir(tmp).settings("watchdog: {store_max_share_of_free: -0.1}\n").problems())
        .containsExactly("conf/shotclock.yaml:1 watchdog.store_max_share_of_free: must be a fraction from 0"
            + " to 1 or a percentage like 20%, got '-0.1'");
  }
}
