package dev.shotclock.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and kills the processes a previous daemon left behind (after a kill -9 its steps' process
 * groups live on, in sessions of their own). Every child carries SHOTCLOCK_STATE_DIR and
 * SHOTCLOCK_DAEMON_INSTANCE in its environment, and grandchildren inherit them, so even one that
 * escaped its group is found (see {@link ProcScan}). Processes of other state directories, and of the current daemon, are
 * never touched.
 */
public final class OrphanReaper {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

  /** A process found and killed. */
  public record Orphan(long pid, Long runId, String step, String commandLine) {}

  private final Duration grace;

  public OrphanReaper(Duration grace) {
    this.grace = grace;
  }

  /** Kills every orphan of {@code stateDir} not started by {@code currentInstance}; returns them. */
  public List<Orphan> reap(Path stateDir, String currentInstance) {
    List<Orphan> orphans = find(stateDir.toAbsolutePath().normalize().toString(), currentInstance);
    if (orphans.isEmpty()) {
      return orphans;
    }
    Set<Long> groups = new LinkedHashSet<>();
    for (Orphan o : orphans) {
      groups.add(ProcessGroups.processGroupOf(o.pid()));
    }
    LOG.warn("killing {} process(es) left by a previous daemon: {}", orphans.size(), orphans);
    signal(orphans, groups, "TERM");
    if (!awaitGone(orphans, grace)) {
      signal(orphans, groups, "KILL");
      awaitGone(orphans, Duration.ofSeconds(5));
    }
    return orphans;
  }

  private static void signal(List<Orphan> orphans, Set<Long> groups, String signal) {
    groups.stream().filter(g -> g > 1).forEach(g -> ProcessGroups.signalGroup(g, signal));
    orphans.forEach(o -> ProcessGroups.signal(o.pid(), signal));
  }

  private static boolean awaitGone(List<Orphan> orphans, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    try {
      while (orphans.stream().anyMatch(o -> ProcessGroups.isAlive(o.pid()))) {
        if (System.nanoTime() >= deadline) {
          return false;
        }
        // Not our children: nothing to wait on but their absence.
        TimeUnit.MILLISECONDS.sleep(50);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static List<Orphan> find(String stateDir, String currentInstance) {
    return ProcScan.matching(m -> stateDir.equals(m.get("SHOTCLOCK_STATE_DIR"))
            && m.get("SHOTCLOCK_DAEMON_INSTANCE") != null
            && !m.get("SHOTCLOCK_DAEMON_INSTANCE").equals(currentInstance))
        .stream().map(f -> new Orphan(f.pid(), runId(f.markers()), f.markers().get("SHOTCLOCK_STEP"),
            ProcScan.commandLine(f.pid())))
        .toList();
  }

  private static Long runId(Map<String, String> env) {
    try {
      return env.containsKey("SHOTCLOCK_RUN_ID") ? Long.parseLong(env.get("SHOTCLOCK_RUN_ID")) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
