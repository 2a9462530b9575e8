package dev.shotclock.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The daemon's signals, handled from the moment the JVM is ready, before the daemon starts:
 * SIGTERM and SIGINT request a graceful stop (a stop requested during start-up is carried out
 * once the start has finished; a second one during start-up exits at once, 143 or 130), SIGHUP
 * reloads the configuration (one received during start-up, once the start has finished).
 * Handling TERM ourselves, instead of leaving it to the JVM's shutdown hooks, lets the JVM exit
 * 0 rather than 143 and keeps the store open until the daemon has recorded its stop.
 */
final class StopSignals {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicReference<Daemon> daemon = new AtomicReference<>();
  private final ClassLoader appLoader;
  private boolean reloadPending;

  private StopSignals(ClassLoader appLoader) {
    this.appLoader = appLoader;
  }

  static StopSignals install() {
    StopSignals signals = new StopSignals(Thread.currentThread().getContextClassLoader());
    handle("TERM", signals::requestStop);
    handle("INT", signals::requestStop);
    // Without a handler the JVM treats SIGHUP as a shutdown request.
    handle("HUP", s -> signals.reload());
    return signals;
  }

  /**
   * The JVM does not take over a signal that the process was started with ignored (nohup ignores
   * SIGHUP, a background job of a script SIGINT): it says so by returning SIG_IGN. Said for TERM
   * and HUP, which operators rely on; an ignored INT is what every background job has.
   */
  private static void handle(String name, sun.misc.SignalHandler handler) {
    if (Signal.handle(new Signal(name), handler) == sun.misc.SignalHandler.SIG_IGN
        && !name.equals("INT")) {
      LOG.warn("SIG{} is ignored by this process (it was started with the signal ignored, as nohup"
          + " does){}", name, name.equals("HUP") ? ": reload with `shotclock reload` instead" : "");
    }
  }

  /** The daemon has started: SIGHUP reloads it from now on, and a SIGHUP held back is applied. */
  synchronized void started(Daemon started) {
    daemon.set(started);
    if (reloadPending) {
      reloadPending = false;
      LOG.info("applying the SIGHUP received during start-up");
      reload();
    }
  }

  boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /** Blocks until SIGTERM or SIGINT (returns at once if one came during start-up). */
  void awaitStop() throws InterruptedException {
    stop.await();
  }

  private void requestStop(Signal signal) {
    if (stopRequested() && daemon.get() == null) {
      // A start that does not finish (a store that does not answer) must not make a stop wait
      // for systemd's kill timeout: a second signal during start-up exits at once, as the
      // signal's default action would (128 + its number).
      LOG.warn("second stop signal (SIG{}) during start-up: exiting without waiting for the start",
          signal.getName());
      System.exit(128 + signal.getNumber());
    }
    LOG.info("stop signal received (SIG{})", signal.getName());
    stop.countDown();
  }

  private synchronized void reload() {
    Daemon d = daemon.get();
    if (d == null) {
      // The start may have read the configuration before the edit that this signal announces
      // (and the admin API answers before Main knows the start has finished): reload once started.
      reloadPending = true;
      LOG.info("SIGHUP received during start-up: reloading once the start has finished");
      return;
    }
    Thread reloader = new Thread(() -> {
      try {
        ReloadResult r = d.reload(false);
        if (r.valid()) {
          LOG.info("SIGHUP reload applied: {}", r.diff());
        } else {
          LOG.warn("SIGHUP reload refused, nothing changed:\n  {}", String.join("\n  ", r.problems()));
        }
      } catch (RuntimeException e) {
        LOG.error("SIGHUP reload failed", e);
      }
    }, "shotclock-reload");
    // A thread inherits the context class loader of the thread that makes it, and the JVM's
    // signal thread has none: Quartz then cannot proxy its JDBC connections ("java.sql.Connection
    // ... is not visible from class loader: null") and the reload failed.
    reloader.setContextClassLoader(appLoader);
    reloader.start();
  }
}
