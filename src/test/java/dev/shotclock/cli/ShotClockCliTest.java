package dev.shotclock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShotClockCliTest {

  @TempDir Path dir;

  @Test
  void global_options_may_come_before_or_after_the_verb() {
    assertThat(ShotClockCli.globalsAfterVerb("--config", "/c", "--json", "runs", "wf"))
        .containsExactly("runs", "--config", "/c", "--json", "wf");
    assertThat(ShotClockCli.globalsAfterVerb("runs", "--config", "/c")).containsExactly("runs", "--config", "/c");
    assertThat(ShotClockCli.globalsAfterVerb("--help")).containsExactly("--help");
  }

  @Test
  void a_verb_without_a_running_daemon_exits_3() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertThat(ShotClockCli.run("--config", dir.resolve("conf").toString(), "status")).isEqualTo(ExitCodes.UNREACHABLE);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString()).contains("daemon not reachable");
  }

  @Test
  void an_unknown_verb_is_a_usage_error() {
    PrintStream err = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream()));
    try {
      assertThat(ShotClockCli.run("frobnicate")).isEqualTo(ExitCodes.USAGE);
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void the_state_directory_follows_state_dir_with_environment_defaults() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    assertThat(StateDirectory.of(conf, java.util.Map.of())).isEqualTo(dir.resolve("var"));
    Files.writeString(conf.resolve("shotclock.yaml"), "state_dir: ${STATE_DIRECTORY:-../state}\n");
    assertThat(StateDirectory.of(conf, java.util.Map.of())).isEqualTo(dir.resolve("state"));
    assertThat(StateDirectory.of(conf, java.util.Map.of("STATE_DIRECTORY", "/var/lib/sc"))).isEqualTo(Path.of("/var/lib/sc"));
  }
}
