package dev.shotclock.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How big the store is. H2: the size of its {@code .mv.db} file, and an estimate of the live data
 * in it from H2's own fill rates ({@code info.FILL_RATE}: share of the file's blocks in use;
 * {@code info.CHUNKS_FILL_RATE}: share of those holding live pages; both whole percents), so the
 * difference is space the file holds but no longer needs. PostgreSQL: the ShotClock and Quartz
 * tables of the schema, indexes and TOAST included ({@code pg_total_relation_size}), not the whole
 * database, which other applications may share.
 *
 * <p>{@link #current()} serves gauges and status from one measurement for {@code maxAge}.
 */
public final class StoreSize {

  private static final Logger LOG = LoggerFactory.getLogger(StoreSize.class);

  /**
   * @param file the H2 file (null: PostgreSQL, or H2 not in a local file)
   * @param liveBytes estimated live data (H2 only; null when not known)
   * @param diskFreeBytes usable space on the file's disk (null without a file)
   */
  public record Measurement(long sizeBytes, Long liveBytes, Path file, Long diskFreeBytes, Instant measuredAt) {}

  private final Jdbc jdbc;
  private final Optional<Path> file;
  private final Clock clock;
  private final Duration maxAge;
  private Measurement cached;

  /** @param file the H2 store's file ({@link H2StoreFile#of}); empty for PostgreSQL */
  public StoreSize(Jdbc jdbc, Optional<Path> file, Clock clock, Duration maxAge) {
    this.jdbc = jdbc;
    this.file = file;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** Measures now. @throws DbException or UncheckedIOException when the store cannot be read */
  public Measurement measure() {
    Measurement m = jdbc.dialect() == Dialect.H2 ? measureH2() : measurePostgres();
    synchronized (this) {
      cached = m;
    }
    return m;
  }

  /** The latest measurement, taken afresh when older than maxAge; empty while it cannot be taken. */
  public synchronized Optional<Measurement> current() {
    if (cached == null || !clock.instant().isBefore(cached.measuredAt().plus(maxAge))) {
      try {
        cached = measure();
      } catch (RuntimeException e) {
        // A scrape or a status call must not fail because the store is away: no data instead.
        LOG.debug("store size unavailable: {}", e.toString());
        return Optional.empty();
      }
    }
    return Optional.of(cached);
  }

  /**
   * Gauges {@code shotclock_store_size_bytes}, and for a local file {@code
   * shotclock_store_disk_free_bytes}; for H2 {@code shotclock_store_live_bytes}.
   */
  public StoreSize register(MeterRegistry registry) {
    gauge(registry, "shotclock.store.size", "Size of the store: the H2 file, or the ShotClock and"
        + " Quartz tables on PostgreSQL", m -> m.sizeBytes());
    if (jdbc.dialect() == Dialect.H2) {
      gauge(registry, "shotclock.store.live", "Live data in the H2 store file (estimate from H2's"
          + " fill rates); the rest is space the file holds but no longer needs",
          m -> m.liveBytes() == null ? Double.NaN : m.liveBytes());
    }
    if (file.isPresent()) {
      gauge(registry, "shotclock.store.disk.free", "Usable space on the disk of the H2 store file",
          m -> m.diskFreeBytes() == null ? Double.NaN : m.diskFreeBytes());
    }
    return this;
  }

  private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<Measurement> f) {
    Gauge.builder(name, this, s -> s.current().map(f::applyAsDouble).orElse(Double.NaN))
        .description(help).baseUnit("bytes").register(registry);
  }

  private Measurement measureH2() {
    Map<String, Long> info = h2Info();
    Long fileSize = info.get("info.FILE_SIZE");
    Long fill = info.get("info.FILL_RATE");
    Long chunksFill = info.get("info.CHUNKS_FILL_RATE");
    long size = file.map(StoreSize::sizeOf).orElse(fileSize == null ? 0L : fileSize);
    // H2's two rates are of its own view of the file, which is the file (no other writer).
    Long live = fill == null || chunksFill == null ? null : H2FileStore.Usage.of(size, fill, chunksFill).liveBytes();
    return new Measurement(size, live, file.orElse(null), file.map(StoreSize::freeOn).orElse(null),
        clock.instant());
  }

  private Map<String, Long> h2Info() {
    return jdbc.query("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')",
            Jdbc.Binder.NONE, r -> Map.entry(r.string("SETTING_NAME"), r.string("SETTING_VALUE")))
        .stream().filter(e -> e.getValue() != null && e.getValue().matches("[0-9]+"))
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
  }

  private Measurement measurePostgres() {
    long size = jdbc.queryLong("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        + " AND c.relkind IN ('r', 'p') AND (c.relname LIKE 'sc\\_%' OR c.relname LIKE 'qrtz\\_%')",
        Jdbc.Binder.NONE);
    return new Measurement(size, null, null, null, clock.instant());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  private static Long freeOn(Path file) {
    try {
      return Files.getFileStore(file).getUsableSpace();
    } catch (IOException e) {
      LOG.debug("free space of {} unavailable: {}", file, e.toString());
      return null;
    }
  }
}
