package dev.shotclock.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and kills the processes a previous daemon left behind (after a kill -9 its steps' process
 * groups live on, in sessions of their own). Every child carries SHOTCLOCK_STATE_DIR and
 * SHOTCLOCK_DAEMON_INSTANCE in its environment, and grandchildren inherit them, so even one that
 * escaped its group is found. Processes of other state directories, and of the current daemon, are
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
    List<Orphan> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        Map<String, String> env = environment(p);
        String instance = env.get("SHOTCLOCK_DAEMON_INSTANCE");
        if (stateDir.equals(env.get("SHOTCLOCK_STATE_DIR")) && instance != null
            && !instance.equals(currentInstance) && ProcessGroups.isAlive(Long.parseLong(name))) {
          out.add(new Orphan(Long.parseLong(name), runId(env), env.get("SHOTCLOCK_STEP"), commandLine(p)));
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot scan /proc for orphans: {}", e.getMessage());
    }
    return out;
  }

  /** The environment of a process; empty when it vanished or is not ours to read. */
  private static Map<String, String> environment(Path proc) {
    Map<String, String> env = new HashMap<>();
    try {
      for (String entry : new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
        int eq = entry.indexOf('=');
        if (eq > 0 && entry.startsWith("SHOTCLOCK_")) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    } catch (IOException | SecurityException e) {
      return Map.of();
    }
    return env;
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ').strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static Long runId(Map<String, String> env) {
    try {
      return env.containsKey("SHOTCLOCK_RUN_ID") ? Long.parseLong(env.get("SHOTCLOCK_RUN_ID")) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
