package dev.shotclock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds live processes by an environment marker, the way the orphan reaper does (Linux /proc). */
public final class Processes {

  private Processes() {}

  /** Pids of live processes whose environment contains every one of {@code entries} (KEY=VALUE). */
  public static List<Long> withEnvironment(String... entries) {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String env = environ(p);
        boolean all = env != null;
        for (String e : entries) {
          all = all && env.contains("\0" + e + "\0");
        }
        if (all && isAlive(Long.parseLong(name))) {
          out.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc", e);
    }
    return out;
  }

  private static String environ(Path proc) {
    try {
      return "\0" + new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8) + "\0";
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** Alive and not a zombie. */
  public static boolean isAlive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }
}
