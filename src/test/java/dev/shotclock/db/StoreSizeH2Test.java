package dev.shotclock.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.MutableClock;
import dev.shotclock.testsupport.StoreFixture;
import dev.shotclock.testsupport.TestStores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size of a real H2 store is its real file's, and follows the file as data is written. */
class StoreSizeH2Test {

  @TempDir Path dir;
  StoreFixture store;
  Path file;
  final MutableClock clock = MutableClock.at("2026-12-08T00:00:00Z");

  @BeforeEach
  void createStore() {
    store = StoreFixture.migrated(TestStores.Kind.H2, dir, clock);
    file = H2StoreFile.of(store.settings().url()).orElseThrow();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private void writeEvents(int count) {
    String message = String.join("", Collections.nCopies(1000, "x"));
    for (int i = 0; i < count; i++) {
      store.jdbc().update("INSERT INTO sc_events (at, kind, severity, message) VALUES (?, 'K', 'INFO', ?)",
          a -> a.instant(clock.instant()).string(message));
    }
  }

  @Test
  void the_measured_size_is_the_mv_db_files_size_and_grows_with_the_data() throws Exception {
    StoreSize size = new StoreSize(store.jdbc(), Optional.of(file), clock, Duration.ofSeconds(5));

    StoreSize.Measurement before = size.measure();
    writeEvents(2000);
    StoreSize.Measurement after = size.measure();

    assertThat(file).isEqualTo(dir.resolve("db/shotclock.mv.db").toAbsolutePath());
    assertThat(before.file()).isEqualTo(file);
    assertThat(after.sizeBytes()).isEqualTo(Files.size(file)).isGreaterThan(before.sizeBytes() + 2_000_000);
    assertThat(after.liveBytes()).as("live estimate").isBetween(2_000_000L, after.sizeBytes());
    assertThat(after.diskFreeBytes()).isPositive();
    assertThat(after.measuredAt()).isEqualTo(clock.instant());
  }

  @Test
  void status_and_gauges_reuse_one_measurement_for_max_age() throws Exception {
    StoreSize size = new StoreSize(store.jdbc(), Optional.of(file), clock, Duration.ofSeconds(5));
    StoreSize.Measurement first = size.current().orElseThrow();
    writeEvents(500);

    clock.tick(Duration.ofSeconds(4));
    assertThat(size.current()).contains(first);
    clock.tick(Duration.ofSeconds(1));
    assertThat(size.current().orElseThrow().sizeBytes()).isEqualTo(Files.size(file)).isGreaterThan(first.sizeBytes());
  }

  @Test
  void the_gauges_are_scraped_in_bytes_with_help() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new StoreSize(store.jdbc(), Optional.of(file), clock, Duration.ofSeconds(5)).register(registry);

    String scrape = registry.scrape();

    assertThat(scrape).contains("# HELP shotclock_store_size_bytes Size of the store: the H2 file")
        .contains("# TYPE shotclock_store_size_bytes gauge")
        .contains("# HELP shotclock_store_live_bytes Live data in the H2 store file")
        .contains("# TYPE shotclock_store_disk_free_bytes gauge");
    assertThat(value(scrape, "shotclock_store_size_bytes")).isEqualTo(Files.size(file));
    assertThat(value(scrape, "shotclock_store_live_bytes")).isBetween(1L, Files.size(file));
  }

  private static long value(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("%s in:\n%s", name, scrape).isTrue();
    return (long) Double.parseDouble(m.group(2));
  }
}
