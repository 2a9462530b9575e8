package dev.shotclock.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up rehearsal behind bin/shotclockd's class-data-sharing archive. */
class StartupTrainingTest {

  @TempDir
  Path dir;

  @Test
  void startsARealDaemonRunsOneRunAndStops() throws Exception {
    assertThat(StartupTraining.rehearse(dir)).isTrue();
    // the run went through the whole path: its log was written under the throwaway state dir
    try (var logs = Files.walk(dir.resolve("var"))) {
      assertThat(logs.filter(p -> p.toString().endsWith(".log"))
          .filter(p -> p.toString().contains("rehearsal"))).isNotEmpty();
    }
  }
}
