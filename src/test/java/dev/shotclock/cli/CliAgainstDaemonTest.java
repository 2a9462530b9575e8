package dev.shotclock.cli;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in this JVM against an in-process daemon (its state dir is ../var of the conf dir). */
class CliAgainstDaemonTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private int cli(String... args) {
    return cli(new ByteArrayOutputStream(), args);
  }

  private int cli(ByteArrayOutputStream captured, String... args) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 2];
      all[0] = "--config";
      all[1] = dir.resolve("conf").toString();
      System.arraycopy(args, 0, all, 2, args.length);
      return ShotClockCli.run(all);
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void status_quiet_is_0_while_healthy_and_1_once_the_store_is_unreachable() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("w").step(step("s")).build());
    assertThat(cli("status", "--quiet")).isZero();
    assertThat(cli("health")).isZero();
    daemon.daemon().jdbc().dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).close();
    // The watchdog ticks every second here and needs two failed checks in a row.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> cli("status", "--quiet") == ExitCodes.FAILED);
    assertThat(cli("health")).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void status_names_each_component_with_its_state_and_what_it_last_saw() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("w").step(step("s")).build());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> daemon.daemon().watchdog().lastBeat() != null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(cli(out, "status")).isZero();

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .containsPattern("scheduler +UP +watchdog heartbeat \\d+ s ago")
        .containsPattern("store +UP")
        .containsPattern("disk +UP +enough free space")
        .containsPattern("watchdog +UP +last tick 20")
        .containsPattern("dispatcher +(IDLE|STARTING) ");
  }

  @Test
  void stats_prints_a_workflows_days_and_exits_2_for_an_unknown_one_or_days_out_of_range() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("w").step(step("s").sh("true")).build());
    daemon.runToEnd("w", java.time.Duration.ofSeconds(30));
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(cli(out, "stats", "w", "--days", "7")).isZero();

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("w: last 7 days")
        .containsPattern("DAY +RUNS +NOT RUN +P50 +P95 +MAX +PRUNED +OUTCOMES")
        .containsPattern("total +1 +0 .* SUCCEEDED 1")
        .containsPattern(today + " +1 +0 ");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    assertThat(cli(json, "stats", "w", "--json")).isZero();
    com.fasterxml.jackson.databind.JsonNode stats = DaemonClient.JSON.readTree(json.toByteArray());
    assertThat(stats.path("days").asInt()).isEqualTo(30);
    assertThat(stats.path("total").path("runs").asLong()).isEqualTo(1);
    assertThat(cli("stats", "nope")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("stats", "w", "--days", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("stats", "w", "--days", "3651")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("stats", "w", "--days", "many")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("stats")).isEqualTo(ExitCodes.USAGE);
  }
}
