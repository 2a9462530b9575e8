package dev.shotclock.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds a process, started outside this daemon, whose command line matches a step's {@code
 * process_match}: a scraper someone started by hand, a leftover cron entry, the old scheduler. The
 * daemon's own children are excluded (named locks order those); so is anything this daemon's
 * process tree contains, which keeps the daemon from matching itself. A command line is the
 * process's argv joined by spaces, as {@code ps -o args} shows it and {@code pgrep -f} matches it.
 */
final class ForeignProcesses {

  private static final int MAX_SHOWN = 200;

  /** The first match as {@code pid command line}, or empty. */
  Optional<String> matching(String regex) {
    Pattern pattern = Pattern.compile(regex);
    ProcessHandle self = ProcessHandle.current();
    Set<Long> ours = new HashSet<>();
    ours.add(self.pid());
    self.descendants().forEach(p -> ours.add(p.pid()));
    return ProcessHandle.allProcesses()
        .filter(p -> !ours.contains(p.pid()))
        .flatMap(p -> commandLine(p)
            .filter(cmd -> pattern.matcher(cmd).find())
            .map(cmd -> p.pid() + " " + shorten(cmd)).stream())
        .findFirst();
  }

  /** The argv from /proc (what the process was started with), else what the JDK knows. */
  private static Optional<String> commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      if (raw.length > 0) {
        return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
      }
    } catch (IOException | SecurityException e) {
      // gone meanwhile, another user's, or not Linux: fall through
    }
    return p.info().commandLine();
  }

  private static String shorten(String cmd) {
    return cmd.length() <= MAX_SHOWN ? cmd : cmd.substring(0, MAX_SHOWN) + "…";
  }
}
