package dev.shotclock.daemon;

import dev.shotclock.config.ConfigException;
import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.HostName;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.db.StoreUnusableException;
import dev.shotclock.quartz.QuartzCron;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/shotclockd}: runs the daemon in the foreground until SIGTERM or SIGINT (exit 0 after
 * a graceful stop); SIGHUP reloads the configuration. {@code --paused} starts with the whole
 * scheduler paused (persisted, as {@code shotclock pause --all}). Exit 2 on an invalid configuration, 3 when
 * another daemon owns the store, 1 when it cannot start for another reason (a damaged store
 * file, or one written by a newer ShotClock or H2, included: one paragraph on stderr says what to do).
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    // Always exit explicitly: a stray non-daemon thread of a library must not keep a stopped
    // daemon's JVM alive past systemd's stop timeout.
    System.exit(run(args));
  }

  static int run(String[] args) {
    Path configDir;
    boolean paused = java.util.Arrays.asList(args).contains("--paused");
    try {
      configDir = configDir(java.util.Arrays.stream(args).filter(a -> !a.equals("--paused")).toArray(String[]::new),
          System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("shotclockd: " + e.getMessage());
      System.err.println("usage: shotclockd [--config DIR] [--paused]   (or SHOTCLOCK_CONF=DIR)");
      return 2;
    }
    ConfigLoader loader = new ConfigLoader(new QuartzCron(), System.getenv(), HostName.of(System.getenv()));
    ShotClockConfig config;
    try {
      config = loader.load(configDir);
    } catch (ConfigException e) {
      System.err.println("shotclockd: invalid configuration in " + configDir + ":");
      e.lines().forEach(l -> System.err.println("  " + l));
      return 2;
    }
    // Before the start, not after it: a SIGTERM while the daemon starts (Quartz may already be
    // firing) would otherwise take the JVM's default path, running the shutdown hooks (H2's
    // closes the store under the starting daemon) and exiting 143.
    StopSignals signals = StopSignals.install();
    Daemon daemon;
    try {
      daemon = Daemon.start(config, () -> loader.load(configDir), Daemon.Options.production().withStartPaused(paused));
    } catch (InstanceLock.HeldElsewhere e) {
      System.err.println("shotclockd: " + e.getMessage());
      return 3;
    } catch (StoreUnusableException e) {
      // The message says which file and what to do; a stack trace would bury it.
      System.err.println("shotclockd: cannot start: " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot start", e);
      System.err.println("shotclockd: cannot start: " + e.getMessage());
      return 1;
    }
    signals.started(daemon);
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "shotclock-shutdown-hook"));
    if (signals.stopRequested()) {
      LOG.info("stop signal received during start-up: stopping now that the start has finished");
    }
    try {
      signals.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    daemon.close();
    return 0;
  }

  /** {@code --config DIR}, else {@code SHOTCLOCK_CONF}, else {@code conf/} of the installation. */
  static Path configDir(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]).toAbsolutePath().normalize();
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length())).toAbsolutePath().normalize();
      }
      throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
    }
    if (env.get("SHOTCLOCK_CONF") != null && !env.get("SHOTCLOCK_CONF").isBlank()) {
      return Path.of(env.get("SHOTCLOCK_CONF")).toAbsolutePath().normalize();
    }
    String home = System.getProperty("shotclock.home");
    return (home != null ? Path.of(home) : Path.of("")).resolve("conf").toAbsolutePath().normalize();
  }
}
