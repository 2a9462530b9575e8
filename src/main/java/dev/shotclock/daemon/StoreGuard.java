package dev.shotclock.daemon;

import dev.shotclock.config.StoreSettings;
import com.zaxxer.hikari.HikariDataSource;
import dev.shotclock.db.DataSources;
import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import dev.shotclock.history.EventLog;
import dev.shotclock.quartz.QuartzEngine;
import dev.shotclock.watchdog.StoreOutage;
import dev.shotclock.workflow.SlotAccounting;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the store-outage probe on a thread of its own and gives it the daemon's hands: Quartz
 * standby while the store is gone; on its return the store lock taken again, firing resumed,
 * missed slots handed to catch-up, and the outage written down as an event.
 */
final class StoreGuard implements AutoCloseable {

  /** How fast an outage is noticed (well inside two watchdog ticks). */
  static final Duration PROBE_EVERY = Duration.ofSeconds(2);
  /** The longest wait between probes during an outage: how fast a return is noticed. */
  static final Duration MAX_RETRY = Duration.ofSeconds(10);

  private final StoreOutage outage;
  private final HikariDataSource probePool;
  private final OutageLogFilter quietLibraries;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "shotclock-store-probe");
    t.setDaemon(true);
    return t;
  });

  StoreGuard(StoreSettings store, InstanceLock lock, QuartzEngine quartz, SlotAccounting slots,
      EventLog events, Clock clock) {
    this.probePool = DataSources.probe(store, "shotclock-probe");
    Jdbc probe = new Jdbc(probePool, Dialect.forUrl(store.url()));
    this.quietLibraries = new OutageLogFilter(() -> outage().current().isPresent());
    this.outage = new StoreOutage(() -> probe.queryLong("SELECT 1", Jdbc.Binder.NONE), new StoreOutage.Actions() {
      @Override
      public void suspend() {
        quartz.standby();
      }

      @Override
      public void resume(Instant since, Duration down) {
        try {
          lock.ensureStoreLock();
        } catch (SQLException e) {
          throw new IllegalStateException("cannot take the store lock again: " + e.getMessage(), e);
        }
        quartz.resumeFiring();
        long quieted = quietLibraries.takeSuppressed();
        events.warn("STORE_OUTAGE", null, null, "store unreachable from " + since + " for "
            + down.toSeconds() + " s; scheduling was suspended and has resumed"
            + (quieted > 0 ? " (" + quieted + " Quartz/HikariCP warnings held back meanwhile)" : ""));
        slots.runOnce("the store was unreachable");
      }
    }, clock, PROBE_EVERY, MAX_RETRY);
  }

  StoreOutage outage() {
    return outage;
  }

  void start() {
    quietLibraries.install();
    schedule(PROBE_EVERY);
  }

  private void schedule(Duration delay) {
    if (!thread.isShutdown()) {
      thread.schedule(() -> {
        Duration next = MAX_RETRY;
        try {
          next = outage.runOnce();
        } finally {
          schedule(next);
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    quietLibraries.uninstall();
    probePool.close();
  }
}
