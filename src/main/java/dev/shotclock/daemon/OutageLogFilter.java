package dev.shotclock.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * While the store is known to be unreachable, Quartz and HikariCP log a warning or an error (with a
 * stack trace) for every attempt of every thread: a storm that buries the one line that matters.
 * During the outage their warnings and errors are counted instead of printed; the outage's own
 * lines (and the count, on recovery) say what happened. In the seconds before the outage is
 * detected (one probe interval), every pooled connection breaks and says so, and every transaction
 * that was open fails its rollback: the first connection failure is printed (at most once per
 * {@code CONNECTION_EVERY_NANOS}), and their warnings during the {@code SUSPECT_NANOS} after it
 * are counted like an outage's.
 */
final class OutageLogFilter extends TurboFilter {

  static final long CONNECTION_EVERY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
  /** Longer than the store probe takes to notice an outage (2 s interval, 2 s connect timeout). */
  static final long SUSPECT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  private final BooleanSupplier inOutage;
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong lastConnectionFailure = new AtomicLong(System.nanoTime() - CONNECTION_EVERY_NANOS);
  private volatile long suspectUntil = System.nanoTime();

  OutageLogFilter(BooleanSupplier inOutage) {
    this.inOutage = inOutage;
    setName("shotclock-outage-log-filter");
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN) || !isLibrary(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (inOutage.getAsBoolean() || System.nanoTime() - suspectUntil < 0) {
      suppressed.incrementAndGet();
      return FilterReply.DENY;
    }
    if (isConnectionFailure(t, params)) {
      if (!connectionFailureDue()) {
        suppressed.incrementAndGet();
        return FilterReply.DENY;
      }
      suspectUntil = System.nanoTime() + SUSPECT_NANOS;
    }
    return FilterReply.NEUTRAL;
  }

  /** True for the first connection failure in a window (which is then printed), false after. */
  private boolean connectionFailureDue() {
    long now = System.nanoTime();
    long last = lastConnectionFailure.get();
    return now - last >= CONNECTION_EVERY_NANOS && lastConnectionFailure.compareAndSet(last, now);
  }

  /** The exception is passed either as the throwable or, by SLF4J convention, as the last argument. */
  private static boolean isConnectionFailure(Throwable t, Object[] params) {
    Throwable thrown = t != null ? t
        : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    return thrown != null && dev.shotclock.db.DbException.isConnectionFailure(thrown);
  }

  private static boolean isLibrary(String name) {
    return name.startsWith("org.quartz.") || name.startsWith("com.zaxxer.hikari.");
  }

  /** How many were held back since the last call. */
  long takeSuppressed() {
    return suppressed.getAndSet(0);
  }

  /** Adds itself to logback, if logback is the logging backend (it is, unless a test swapped it). */
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.addTurboFilter(this);
      start();
    }
  }

  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getTurboFilterList().remove(this);
    }
    stop();
  }
}
