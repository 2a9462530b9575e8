package dev.shotclock.examples;

import dev.shotclock.config.ConfigLoader;
import dev.shotclock.config.ShotClockConfig;
import dev.shotclock.quartz.QuartzCron;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The NBA pipeline's configuration pack in {@code examples/nba}, as tests load and copy it. */
final class NbaPack {

  /** The repository's {@code examples/nba} (Maven runs tests in the project directory). */
  static final Path HOME = Path.of("").toAbsolutePath().resolve("examples/nba");

  private NbaPack() {}

  /** The offline environment: no NBA_SIMULATOR_HOME, no PYTHON, so the stand-ins run. */
  static Map<String, String> offlineEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    return env;
  }

  static ShotClockConfig load(Path confDir, Map<String, String> env) {
    return new ConfigLoader(new QuartzCron(), env, "test-node").load(confDir);
  }

  /**
   * Copies conf/ and sim/ (not var/) into {@code dir}, so that a daemon's state and the stand-ins'
   * switches stay out of the repository. Returns the copied conf/.
   */
  static Path copyTo(Path dir) {
    for (String part : new String[] {"conf", "sim"}) {
      Path from = HOME.resolve(part);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.toList()) {
          Path to = dir.resolve(part).resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir.resolve("conf");
  }
}
