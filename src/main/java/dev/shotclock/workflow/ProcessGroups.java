package dev.shotclock.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process groups on Linux, read from /proc and signalled with kill(1): Java can signal a process
 * but not a group, and a step's grandchildren must go with it.
 */
final class ProcessGroups {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);
  private static final long OWN_GROUP = processGroupOf(ProcessHandle.current().pid());

  private ProcessGroups() {}

  /** The process group of a live process, or -1 when it is gone. */
  static long processGroupOf(long pid) {
    String stat = stat(pid);
    if (stat == null) {
      return -1;
    }
    // Fields after "(comm)": state ppid pgrp ...; comm may itself contain spaces and parentheses.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[2]);
  }

  /** Live (non-zombie) processes of a group. */
  static List<Long> members(long pgid) {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
          long pid = Long.parseLong(name);
          String stat = stat(pid);
          if (stat != null && isMember(stat, pgid)) {
            out.add(pid);
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list /proc: {}", e.getMessage());
    }
    return out;
  }

  private static boolean isMember(String stat, long pgid) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return !f[0].equals("Z") && !f[0].equals("X") && Long.parseLong(f[2]) == pgid;
  }

  static boolean isAlive(long pid) {
    String stat = stat(pid);
    if (stat == null) {
      return false;
    }
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private static String stat(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Sends {@code signal} (TERM, KILL) to every process of the group. Never to our own group or to
   * init's, whatever the caller passes.
   */
  static void signalGroup(long pgid, String signal) {
    if (pgid <= 1 || pgid == OWN_GROUP) {
      LOG.warn("refusing to signal process group {} (ours or init's)", pgid);
      return;
    }
    kill("-" + signal, "--", "-" + pgid);
  }

  /** Sends {@code signal} to one process. */
  static void signal(long pid, String signal) {
    if (pid > 1 && pid != ProcessHandle.current().pid()) {
      kill("-" + signal, "--", Long.toString(pid));
    }
  }

  private static void kill(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("kill");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.error("cannot run kill {}: {}", String.join(" ", args), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
