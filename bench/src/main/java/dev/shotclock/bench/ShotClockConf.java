package dev.shotclock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration directory for {@code bin/shotclockd}: default settings (H2 file in the state
 * directory) with the admin API on a free port, and K workflows of one {@code /bin/true} step,
 * the first on {@code firstCron}, the others daily.
 */
final class ShotClockConf {

  private ShotClockConf() {}

  static Path write(Path dir, int workflows, String firstCron) throws IOException {
    Path conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("workflows"));
    Files.writeString(conf.resolve("shotclock.yaml"), "node_id: bench-node\n"
        + "state_dir: " + dir.resolve("var").toAbsolutePath() + "\n"
        + "admin:\n  port: 0\n");
    for (int i = 0; i < workflows; i++) {
      String cron = i == 0 ? firstCron : "0 0 3 * * ?";
      Files.writeString(conf.resolve("workflows/wf-" + i + ".yaml"), "id: wf-" + i + "\n"
          + "description: bench workflow " + i + "\n"
          + "triggers:\n  - cron: \"" + cron + "\"\n    timezone: UTC\n"
          + "catch_up: { policy: none }\n"
          + "overlap: allow\n"
          + "steps:\n  - id: s\n    run: [\"/bin/true\"]\n");
    }
    return conf;
  }
}
