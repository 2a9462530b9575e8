package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code conf/} directory under a temp dir, written by a test and loaded with a fake cron. */
final class ConfigDir {

  /** Accepts 5 to 7 fields, like the real one, without Quartz. */
  static final CronSyntax FAKE_CRON =
      expression -> {
        int fields = expression.trim().split("\\s+").length;
        return fields >= 5 && fields <= 7
            ? Optional.empty()
            : Optional.of("expected 5 to 7 fields, found " + fields);
      };

  static final String HOSTNAME = "node-a";

  final Path dir;
  private Map<String, String> environment = Map.of();

  ConfigDir(Path tempDir) {
    this.dir = tempDir.resolve("conf");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ConfigDir environment(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  ConfigDir settings(String yaml) {
    return write(ConfigLoader.SETTINGS_FILE, yaml);
  }

  ConfigDir workflow(String fileName, String yaml) {
    return write(ConfigLoader.WORKFLOWS_DIR + "/" + fileName, yaml);
  }

  ConfigDir write(String relative, String content) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ShotClockConfig load() {
    return new ConfigLoader(FAKE_CRON, environment, HOSTNAME).load(dir);
  }

  WorkflowDef loadWorkflow(String id) {
    return load().workflow(id).orElseThrow();
  }

  /** The problems as an operator reads them: {@code conf/workflows/a.yaml:3 steps[0].id: ...}. */
  List<String> problems() {
    ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
    assertThat(e).as("loading should fail").isNotNull();
    return e.lines();
  }
}
