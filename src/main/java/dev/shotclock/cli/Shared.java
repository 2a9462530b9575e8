package dev.shotclock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Options every verb takes, and what verbs share: the client, output, formatting. */
final class Shared {

  @Option(names = "--config", paramLabel = "DIR",
      description = "Configuration directory (default: $SHOTCLOCK_CONF, else conf/ of the installation).")
  Path config;

  @Option(names = "--json", description = "Machine-readable JSON output.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing; only the exit code tells.")
  boolean quiet;

  java.time.Clock clock = java.time.Clock.systemUTC();
  PrintStream out = System.out;
  PrintStream err = System.err;

  Path configDir() {
    if (config != null) {
      return config.toAbsolutePath().normalize();
    }
    String env = System.getenv("SHOTCLOCK_CONF");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    String home = System.getProperty("shotclock.home");
    return (home != null ? Path.of(home) : Path.of("")).resolve("conf").toAbsolutePath().normalize();
  }

  DaemonClient client() {
    return DaemonClient.forStateDir(StateDirectory.of(configDir(), System.getenv()));
  }

  /** Who is asking, for the audit log: {@code cli:<user>}. */
  static String requester() {
    return "cli:" + System.getProperty("user.name");
  }

  /** Prints {@code node} as JSON when --json; returns whether it did. */
  boolean printedJson(JsonNode node) {
    if (quiet) {
      return true;
    }
    if (!json) {
      return false;
    }
    try {
      out.println(DaemonClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new CliException(ExitCodes.FAILED, "cannot print JSON: " + e.getMessage());
    }
    return true;
  }

  void println(String line) {
    if (!quiet) {
      out.println(line);
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }



  /** An ISO instant shortened for tables: 2026-11-25T07:15:03Z. */
  static String time(JsonNode node, String field) {
    String t = text(node, field);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    } catch (RuntimeException e) {
      return t;
    }
  }

  String duration(JsonNode run) {
    String start = text(run, "started_at");
    if (start == null) {
      return null;
    }
    String end = text(run, "finished_at");
    return human(Duration.between(Instant.parse(start), end != null ? Instant.parse(end) : clock.instant()));
  }

  /** A duration for tables: 4.2s, 3m12s, 2h5m. */
  static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m"
        : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : d.toMillis() / 100 / 10.0 + "s";
  }
}
