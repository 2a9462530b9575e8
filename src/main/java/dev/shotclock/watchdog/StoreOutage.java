package dev.shotclock.watchdog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Degraded mode while the store is unreachable. A probe on a thread of its own (the scheduler's
 * jobs, the watchdog's included, need the store to fire at all) notices the outage, suspends
 * scheduling so nothing tries to acquire triggers against a dead database, backs its own retries
 * off, logs one line on entry and then one line per {@link #LOG_EVERY} (no storm), and when the
 * store answers again resumes scheduling and hands over to the recovery (catch-up, store lock).
 */
public final class StoreOutage {

  private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);
  static final Duration LOG_EVERY = Duration.ofSeconds(30);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  /** Answers when the store is usable; throws otherwise. */
  public interface Probe {
    void check() throws Exception;
  }

  /** What is done on entering and leaving the outage: suspend and resume scheduling, recover. */
  public interface Actions {
    void suspend();

    /** The store answers again; {@code outage} is how long it did not. Throws to stay degraded. */
    void resume(Instant since, Duration outage);
  }

  /** The outage in progress, for /health. */
  public record Outage(Instant since, int failedProbes, String lastError) {}

  private final Probe probe;
  private final Actions actions;
  private final Clock clock;
  private final Duration every;
  private final Duration maxRetry;
  private volatile Outage outage;
  private volatile Instant recoveredAt;
  private Duration retry = FIRST_RETRY;
  private Instant lastLog;

  /**
   * @param every probe interval while the store is up (how fast an outage is noticed)
   * @param maxRetry the longest wait between probes during an outage (how fast a return is)
   */
  public StoreOutage(Probe probe, Actions actions, Clock clock, Duration every, Duration maxRetry) {
    this.probe = probe;
    this.actions = actions;
    this.clock = clock;
    this.every = every;
    this.maxRetry = maxRetry;
  }

  /** One probe; returns how long to wait before the next. */
  public synchronized Duration runOnce() {
    String error = probeError();
    Instant now = clock.instant();
    if (error == null) {
      return outage == null ? every : recover(now);
    }
    if (outage == null) {
      outage = new Outage(now, 1, error);
      lastLog = now;
      retry = FIRST_RETRY;
      LOG.warn("store unreachable: {}; scheduling suspended until it answers (degraded mode)", error);
      suspend();
      return retry;
    }
    outage = new Outage(outage.since(), outage.failedProbes() + 1, error);
    if (Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
      lastLog = now;
      LOG.warn("store still unreachable after {} s ({} probes): {}",
          Duration.between(outage.since(), now).toSeconds(), outage.failedProbes(), error);
    }
    retry = retry.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : retry.multipliedBy(2);
    return retry;
  }

  private Duration recover(Instant now) {
    Duration down = Duration.between(outage.since(), now);
    try {
      actions.resume(outage.since(), down);
    } catch (RuntimeException e) {
      // Still degraded: the store answers but recovery could not finish (e.g. its lock).
      if (Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
        lastLog = now;
        LOG.warn("store answers again but recovery failed: {}", e.getMessage());
      }
      outage = new Outage(outage.since(), outage.failedProbes(), "recovery failed: " + e.getMessage());
      return maxRetry;
    }
    LOG.info("store reachable again after {} s; scheduling resumed", down.toSeconds());
    outage = null;
    recoveredAt = now;
    return every;
  }

  private void suspend() {
    try {
      actions.suspend();
    } catch (RuntimeException e) {
      LOG.warn("could not suspend scheduling: {}", e.toString());
    }
  }

  private String probeError() {
    try {
      probe.check();
      return null;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String top = firstLine(e);
      return root == e ? top : top + " (cause: " + firstLine(root) + ")";
    }
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  public Optional<Outage> current() {
    return Optional.ofNullable(outage);
  }

  /** When the last outage ended; null if none did. */
  public Instant recoveredAt() {
    return recoveredAt;
  }
}
