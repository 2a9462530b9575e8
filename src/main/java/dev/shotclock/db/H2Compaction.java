package dev.shotclock.db;

import dev.shotclock.config.Sizes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store's file near its live data. With the daemon's append-only settings (see
 * {@link H2FileStore}) nothing else reclaims space, and every commit appends a chunk of its own:
 * at 2 runs/s the file grows by about 12 MB a minute. So the file is looked at every {@link
 * #CHECK_EVERY} on a thread of its own (a Quartz job would itself commit, and the 15 s maintenance
 * pass lets the file reach several times its live data in between), and compacted for at most
 * {@link #PASS_TIME} when it is bigger than {@link #MIN_BYTES} and less than {@link
 * #MIN_FILL_RATE} % live; at a graceful stop, whatever its size, for at most {@link #STOP_TIME}.
 * Commits wait while a compaction holds H2's store lock: tens of milliseconds at a few megabytes.
 */
public final class H2Compaction implements AutoCloseable {

  static final Duration CHECK_EVERY = Duration.ofSeconds(2);
  static final long MIN_BYTES = 512L << 10;
  static final int MIN_FILL_RATE = 60;
  static final Duration PASS_TIME = Duration.ofMillis(500);
  static final Duration STOP_TIME = Duration.ofSeconds(10);
  private static final Duration SLOW = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

  private final H2FileStore file;
  private ScheduledExecutorService timer;
  private boolean failing;

  public H2Compaction(H2FileStore file) {
    this.file = file;
  }

  /** Starts looking at the file every {@link #CHECK_EVERY}; does nothing if the store is no H2 file. */
  public synchronized void start() {
    if (timer != null || file.usage().isEmpty()) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shotclock-store-compaction");
      t.setDaemon(true);
      return t;
    });
    long every = CHECK_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
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
   * Stops the periodic look, then compacts as a graceful stop does, bounded in time, whatever the
   * file's size: a small file compacts in milliseconds, and a stopped store is then its live data.
   */
  public void atStop() {
    close();
    file.usage().filter(u -> u.fillRate() < 90).ifPresent(u -> compact(u, STOP_TIME));
  }

  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      timer.awaitTermination(STOP_TIME.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer = null;
  }

  static boolean needsCompaction(H2FileStore.Usage u) {
    return u.fileBytes() > MIN_BYTES && u.fillRate() < MIN_FILL_RATE;
  }

  /** One failure is logged, not one per 2 s while the store is away; the recovery once. */
  private void runQuietly() {
    try {
      runOnce();
      if (failing) {
        failing = false;
        LOG.info("store compaction works again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("store compaction failed (retried every {} s): {}", CHECK_EVERY.toSeconds(), e.toString());
      }
    }
  }

  private Optional<H2FileStore.Usage> compact(H2FileStore.Usage before, Duration maxTime) {
    long started = System.nanoTime();
    Optional<H2FileStore.Usage> after = file.compact(maxTime);
    long millis = (System.nanoTime() - started) / 1_000_000;
    after.ifPresent(a -> {
      String line = "store file compacted in {} ms: {} -> {} ({}% -> {}% live)";
      Object[] args = {millis, Sizes.human(before.fileBytes()), Sizes.human(a.fileBytes()),
          before.fillRate(), a.fillRate()};
      if (millis >= SLOW.toMillis() || maxTime.equals(STOP_TIME)) {
        LOG.info(line, args);
      } else {
        LOG.debug(line, args);
      }
    });
    return after;
  }
}
