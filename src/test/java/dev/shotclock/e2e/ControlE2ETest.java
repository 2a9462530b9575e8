package dev.shotclock.e2e;

import static dev.shotclock.testsupport.Installation.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shotclock.testsupport.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's verbs through bin/shotclock against one real daemon process. */
class ControlE2ETest {

  @TempDir static Path dir;
  static Path conf;
  static Process daemon;

  @BeforeAll
  static void startDaemon() throws Exception {
    conf = Installation.writeConfig(dir, Installation.testDaemonYaml(), Map.of(
        "every-second.yaml", """
            id: every-second
            triggers: [ { cron: "* * * * * ?" } ]
            catch_up: none
            steps:
              - id: s
                run: ["true"]
            """,
        "ok.yaml", "id: ok\nsteps:\n  - id: s\n    run: [\"true\"]\n",
        "fails.yaml", "id: fails\nsteps:\n  - id: s\n    run: [sh, -c, \"exit 3\"]\n",
        "slow.yaml", "id: slow\nsteps:\n  - id: s\n    run: [sleep, \"300\"]\n"));
    daemon = Installation.startDaemon(conf, dir.resolve("daemon.log"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", Files.readString(dir.resolve("daemon.log"))).isTrue();
      assertThat(cli(conf, "health").exitCode()).isZero();
    });
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    daemon.destroy();
    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
      daemon.destroyForcibly();
    }
  }

  private static List<JsonNode> runs(String wf, String state) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    Installation.Result r = cli(conf, "--json", "runs", wf, "--limit", "500");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    r.json().forEach(n -> {
      if (state == null || n.get("state").asText().equals(state)) {
        out.add(n);
      }
    });
    return out;
  }

  @Test
  void pause_stops_runs_and_resume_skip_then_once_decide_the_catch_up() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> !runs("every-second", "SUCCEEDED").isEmpty());
    assertThat(cli(conf, "pause", "every-second", "--reason", "e2e").exitCode()).isZero();
    int ranBefore = runs("every-second", "SUCCEEDED").size();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
        .until(() -> runs("every-second", "SUCCEEDED").size() == ranBefore);
    assertThat(cli(conf, "why", "every-second").stdout()).contains("workflow paused").contains("by cli:");

    Installation.Result skip = cli(conf, "--json", "resume", "every-second");
    assertThat(skip.json().get("catch_up_runs")).isEmpty();
    assertThat(runs("every-second", "SKIPPED_PAUSED")).hasSizeGreaterThanOrEqualTo(2);

    assertThat(cli(conf, "pause", "every-second").exitCode()).isZero();
    int skippedBefore = runs("every-second", "SKIPPED_PAUSED").size();
    // Let at least one slot pass while paused: resume records it before deciding on catch-up.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
        .until(() -> runs("every-second", "SKIPPED_PAUSED").size() == skippedBefore);
    Installation.Result once = cli(conf, "--json", "resume", "every-second", "--catch-up", "once");
    assertThat(once.json().get("catch_up_runs")).hasSize(1);
    assertThat(cli(conf, "missed", "every-second").stdout()).contains("SKIPPED_PAUSED");
    assertThat(cli(conf, "audit").stdout()).contains("POST /api/v1/workflows/every-second/pause by cli:");
  }

  @Test
  void trigger_wait_exits_with_the_outcome_of_the_run() throws Exception {
    assertThat(cli(conf, "trigger", "ok", "--wait").exitCode()).isZero();
    assertThat(cli(conf, "trigger", "fails", "--wait").exitCode()).isEqualTo(1);
    CompletableFuture<Installation.Result> slow = CompletableFuture.supplyAsync(() -> {
      try {
        return cli(conf, "trigger", "slow", "--wait");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> !runs("slow", "RUNNING").isEmpty());
    String runId = runs("slow", "RUNNING").get(0).get("id").asText();
    assertThat(cli(conf, "cancel", runId).exitCode()).isZero();
    assertThat(slow.get(60, TimeUnit.SECONDS).exitCode()).isEqualTo(130);
    assertThat(cli(conf, "trigger", "nope").exitCode()).isEqualTo(2);
  }

  @Test
  void retry_of_a_failed_run_and_a_conflict_exit_4() throws Exception {
    Installation.Result failed = cli(conf, "--json", "trigger", "fails", "--wait");
    String runId = failed.json().get("id").asText();
    assertThat(cli(conf, "retry", runId, "--wait").exitCode()).isEqualTo(1);
    Installation.Result first = cli(conf, "--json", "trigger", "slow");
    assertThat(first.exitCode()).isZero();
    Installation.Result second = cli(conf, "trigger", "slow");
    assertThat(second.exitCode()).isEqualTo(4);
    assertThat(second.stderr()).contains("overlap forbidden");
    assertThat(cli(conf, "cancel", first.json().get("run_id").asText()).exitCode()).isZero();
  }

  @Test
  void status_quiet_is_0_when_healthy_and_a_missing_daemon_is_exit_3() throws Exception {
    Installation.Result quiet = cli(conf, "status", "--quiet");
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.stdout()).isEmpty();
    Path elsewhere = Installation.writeConfig(dir.resolve("elsewhere"), Installation.testDaemonYaml(), Map.of());
    Installation.Result down = cli(elsewhere, "status");
    assertThat(down.exitCode()).isEqualTo(3);
    assertThat(down.stderr()).contains("daemon not reachable");
  }
}
