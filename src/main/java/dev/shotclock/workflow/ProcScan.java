package dev.shotclock.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds live processes by the SHOTCLOCK_* markers in their environment (Linux /proc). Every step
 * process carries them and its descendants inherit them, so even a grandchild that left its
 * process group (setsid) is found. Processes that vanish or cannot be read mid-scan are skipped.
 */
final class ProcScan {

  private static final Logger LOG = LoggerFactory.getLogger(ProcScan.class);

  /** A matching process. */
  record Found(long pid, Map<String, String> markers) {}

  private ProcScan() {}

  /** Live processes (not this one) whose markers satisfy {@code test}. */
  static List<Found> matching(Predicate<Map<String, String>> test) {
    List<Found> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        Map<String, String> markers = markers(p);
        long pid = Long.parseLong(name);
        if (!markers.isEmpty() && test.test(markers) && ProcessGroups.isAlive(pid)) {
          out.add(new Found(pid, markers));
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot scan /proc: {}", e.getMessage());
    }
    return out;
  }

  /** Processes carrying every one of these markers (KEY=VALUE). */
  static List<Long> withAll(Map<String, String> wanted) {
    return matching(m -> wanted.entrySet().stream().allMatch(e -> e.getValue().equals(m.get(e.getKey()))))
        .stream().map(Found::pid).toList();
  }

  /** The SHOTCLOCK_* entries of a process's environment; empty when gone or unreadable. */
  private static Map<String, String> markers(Path proc) {
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

  static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
