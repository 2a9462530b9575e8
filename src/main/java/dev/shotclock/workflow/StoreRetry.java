package dev.shotclock.workflow;

import dev.shotclock.db.DbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that must not be lost to a store outage: a run's or a step's outcome. A write that
 * fails because the store cannot be reached is tried again with backoff until it lands (or
 * {@code giveUpAfter} passes, or the daemon stops and {@link #abandon()}s); any other failure is
 * thrown at once. The steps' processes keep running meanwhile; only the bookkeeping waits. A write
 * abandoned leaves its run RUNNING in the store, which the next start's crash recovery handles.
 */
final class StoreRetry {

  private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
  private static final Duration LOG_EVERY = Duration.ofSeconds(60);

  private final Clock clock;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Duration giveUpAfter;
  private final CountDownLatch abandoned = new CountDownLatch(1);

  StoreRetry(Clock clock, Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
    this.clock = clock;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.giveUpAfter = giveUpAfter;
  }

  static StoreRetry standard(Clock clock) {
    return new StoreRetry(clock, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(30));
  }

  /** The daemon stops: waiting writes fail now instead of holding up the shutdown. */
  void abandon() {
    abandoned.countDown();
  }

  /**
   * @param what the write in words, for the log
   * @throws InterruptedException when interrupted while waiting for the store
   */
  <T> T call(String what, Supplier<T> write) throws InterruptedException {
    Instant first = null;
    Instant lastLog = null;
    Duration delay = firstDelay;
    int tries = 0;
    while (true) {
      try {
        T result = write.get();
        if (first != null) {
          LOG.info("{} stored after {} tries over {} s of store outage", what, tries + 1,
              Duration.between(first, clock.instant()).toSeconds());
        }
        return result;
      } catch (DbException e) {
        if (!DbException.isConnectionFailure(e)) {
          throw e;
        }
        Instant now = clock.instant();
        first = first == null ? now : first;
        if (Duration.between(first, now).compareTo(giveUpAfter) > 0 || abandoned.getCount() == 0) {
          throw e;
        }
        if (lastLog == null || Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
          lastLog = now;
          LOG.warn("{}: store unreachable ({}); keeps trying", what, e.getMessage());
        }
        tries++;
        if (abandoned.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          throw e;
        }
        delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
      }
    }
  }

  void run(String what, Runnable write) throws InterruptedException {
    call(what, () -> {
      write.run();
      return null;
    });
  }
}
