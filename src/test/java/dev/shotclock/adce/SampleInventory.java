package dev.shotclock.adce;

import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.config.StepAction;
import dev.shotclock.config.StepDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration directory with a reconcile workflow, its collector, sources.yaml, a manifest of
 * 2025 (current), 2024 (previous) and 2022 (older) games, and files on disk in every state: fresh,
 * stale, missing, too small. File times are set from the test's clock.
 */
final class SampleInventory {

  /** Mid-November 2025: the derived current season is the one that started in October 2025. */
  static final Instant NOW = Instant.parse("2025-11-15T12:00:00Z");

  static final String MANIFEST = """
      season,game_id
      2025,401700001
      2025,401700002
      2025,401700003
      2025,401700004
      2024,401600001
      2024,401600002
      2022,401400001
      "2022-23",401400002
      """;

  /** The gaps of the sample: key and priority. */
  static final Map<String, String> GAPS = Map.of(
      "espn:pbp:2025:401700002", "CRITICAL",   // current season, 10 days old, freshness 7d
      "espn:pbp:2025:401700003", "HIGH",       // current season, missing
      "espn:pbp:2025:401700004", "HIGH",       // current season, 10 bytes < 1KiB
      "espn:pbp:2024:401600001", "NORMAL",     // previous season, missing
      "espn:pbp:2022:401400001", "LOW",        // older, missing
      "espn:pbp:2022-23:401400002", "LOW",     // older, too small
      "hoopr:2025:401700001", "HIGH");         // current season, missing

  final Path conf;
  final Clock clock;

  SampleInventory(Path dir, Clock clock) {
    this.conf = dir.resolve("conf");
    this.clock = clock;
    write("shotclock.yaml", "admin: { port: 0 }\n");
    write("sources.yaml", """
        dispatch_every: 1h
        sources:
          espn: { workflow: collect }
          hoopr: { workflow: collect }
        """);
    write("workflows/collect.yaml", """
        id: collect
        params: { season: "", game_id: "", data_type: "" }
        steps:
          - id: fetch
            run: ["true"]
        """);
    reconcileWorkflow("""
          max_inventory_age: 2h
        """);
    write("inventory/expected.csv", MANIFEST);
    Duration hour = Duration.ofHours(1);
    file("data/espn/2025/401700001.json", 2048, hour);
    file("data/espn/2025/401700002.json", 2048, Duration.ofDays(10));
    file("data/espn/2025/401700004.json", 10, hour);
    file("data/espn/2024/401600002.json", 2048, Duration.ofDays(200));
    file("data/espn/2022-23/401400002.json", 10, Duration.ofDays(900));
    for (String item : new String[] {"2025/401700002", "2025/401700003", "2025/401700004",
        "2024/401600001", "2024/401600002", "2022/401400001", "2022-23/401400002"}) {
      file("data/hoopr/" + item + ".parquet", 1, hour);
    }
  }

  /** (Re)writes the reconcile workflow; {@code extra} goes into the reconcile mapping. */
  void reconcileWorkflow(String extra) {
    write("workflows/reconcile.yaml", """
        id: reconcile
        triggers: [{ cron: "*/15 * * * *" }]
        steps:
          - id: gaps
            reconcile:
              manifest: inventory/expected.csv
              sources:
                - source: espn
                  path: data/espn/{season}/{game_id}.json
                  min_size: 1KiB
                  freshness: 7d
                  operation: pbp
                - source: hoopr
                  path: data/hoopr/{season}/{game_id}.parquet
        """ + extra.stripTrailing().replaceAll("(?m)^", "    ") + "\n");
  }

  ShotClockConfig load() {
    return new ConfigLoader(expr -> Optional.empty(), Map.of(), "node-a").load(conf);
  }

  StepDef step(String workflow, String step) {
    return load().workflow(workflow).orElseThrow().steps().stream()
        .filter(s -> s.id().equals(step)).findFirst().orElseThrow();
  }

  StepAction.Reconcile reconcileAction() {
    return (StepAction.Reconcile) step("reconcile", "gaps").action();
  }

  void write(String relative, String content) {
    try {
      Path f = conf.resolve(relative);
      Files.createDirectories(f.getParent());
      Files.writeString(f, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of {@code size} bytes last modified {@code age} before the clock's now. */
  void file(String relative, int size, Duration age) {
    try {
      Path f = conf.resolve(relative);
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[size]);
      Files.setLastModifiedTime(f, FileTime.from(clock.instant().minus(age)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
