package dev.shotclock.db;

import dev.shotclock.config.Sizes;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store's file near its live data: on each maintenance pass, a file that is
 * bigger than {@link #MIN_BYTES} (512 KB) and less than half live is compacted for at most {@link
 * #PASS_TIME}; at a graceful stop, for at most {@link #STOP_TIME}. With the daemon's append-only
 * settings (see {@link H2FileStore}) nothing else reclaims space: at 2 runs/s the file would grow
 * by tens of megabytes a minute.
 */
public final class H2Compaction {

  static final long MIN_BYTES = 512L << 10;
  static final int MIN_FILL_RATE = 50;
  static final Duration PASS_TIME = Duration.ofSeconds(2);
  static final Duration STOP_TIME = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

  private final H2FileStore file;

  public H2Compaction(H2FileStore file) {
    this.file = file;
  }

  /** Compacts when the file is worth it; returns the usage after, empty if nothing was done. */
  public Optional<H2FileStore.Usage> runOnce() {
    Optional<H2FileStore.Usage> before = file.usage();
    if (before.isEmpty() || !needsCompaction(before.get())) {
      return Optional.empty();
    }
    return compact(before.get(), PASS_TIME);
  }

  /**
   * The compaction of a graceful stop, bounded in time, whatever the file's size: a small file
   * compacts in milliseconds, and a stopped store is then its live data only.
   */
  public void atStop() {
    file.usage().filter(u -> u.fillRate() < 90).ifPresent(u -> compact(u, STOP_TIME));
  }

  static boolean needsCompaction(H2FileStore.Usage u) {
    return u.fileBytes() > MIN_BYTES && u.fillRate() < MIN_FILL_RATE;
  }

  private Optional<H2FileStore.Usage> compact(H2FileStore.Usage before, Duration maxTime) {
    long started = System.nanoTime();
    Optional<H2FileStore.Usage> after = file.compact(maxTime);
    after.ifPresent(a -> LOG.info("store file compacted in {} ms: {} -> {} ({}% -> {}% live)",
        (System.nanoTime() - started) / 1_000_000, Sizes.human(before.fileBytes()), Sizes.human(a.fileBytes()),
        before.fillRate(), a.fillRate()));
    return after;
  }
}
