package dev.shotclock.daemon;

import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.HostName;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.quartz.QuartzCron;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A start-up rehearsal for the class-data-sharing archive that {@code bin/shotclockd} keeps next
 * to the jar: the JVM records every class this loads (configuration, store, migrations, Quartz,
 * admin API, one run of one step) and maps them, already parsed and verified, into every later
 * daemon's memory instead of loading them from the jars again. Runs a real daemon on a throwaway
 * state directory, waits for one run to end, stops it. Exit 0 when the rehearsal ran through, 1
 * otherwise (the archive is then not used).
 */
public final class StartupTraining {

  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("shotclock-cds-");
    int code = 1;
    try {
      code = rehearse(dir) ? 0 : 1;
    } finally {
      deleteTree(dir);
    }
    System.exit(code);
  }

  static boolean rehearse(Path dir) throws Exception {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("workflows"));
    Files.writeString(conf.resolve("shotclock.yaml"), "node_id: cds-training\nstate_dir: "
        + dir.resolve("var") + "\nadmin:\n  port: 0\n");
    Files.writeString(conf.resolve("workflows/rehearsal.yaml"), """
        id: rehearsal
        description: start-up rehearsal for the class-data-sharing archive
        triggers:
          - cron: "* * * * * ?"
        steps:
          - id: noop
            run: ["/bin/true"]
        """);
    ConfigLoader loader = new ConfigLoader(new QuartzCron(), System.getenv(), HostName.of(System.getenv()));
    ShotClockConfig config = loader.load(conf);
    CountDownLatch ended = new CountDownLatch(1);
    try (Daemon daemon = Daemon.start(config, () -> loader.load(conf), Daemon.Options.production())) {
      daemon.engine().executor().addListener(end -> ended.countDown());
      return ended.await(30, TimeUnit.SECONDS);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
