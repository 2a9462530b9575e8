package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code process_match}: a copy of the job started outside ShotClock blocks a second start. */
class ProcessMatchTest {

  @TempDir Path dir;
  DaemonFixture daemon;
  Process ownChild;
  /** A duration no other process on the machine sleeps for: the argv is the fingerprint. */
  final String seconds = "30" + ThreadLocalRandom.current().nextInt(100_000, 999_999) / 1000.0;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (ownChild != null) {
      ownChild.destroyForcibly();
    }
    new ProcessBuilder("pkill", "-f", "^sleep " + seconds + "$").start().waitFor();
  }

  /** Starts {@code sleep seconds} outside this JVM's process tree (re-parented to init). */
  private long startForeign() throws Exception {
    new ProcessBuilder("setsid", "-f", "sleep", seconds).start().waitFor();
    return await().atMost(Duration.ofSeconds(5)).until(() -> new ForeignProcesses().matching("^sleep " + seconds),
        Optional::isPresent).map(m -> Long.parseLong(m.split(" ")[0])).orElseThrow();
  }

  @Test
  void a_matching_process_outside_the_daemon_is_found_and_its_own_children_are_not() throws Exception {
    ownChild = new ProcessBuilder("sleep", seconds).start();

    assertThat(new ForeignProcesses().matching("^sleep " + seconds)).isEmpty();

    long foreign = startForeign();
    assertThat(new ForeignProcesses().matching("^sleep " + seconds))
        .hasValue(foreign + " sleep " + seconds);
  }

  @Test
  void a_step_whose_job_already_runs_elsewhere_does_not_start_and_says_which_process() throws Exception {
    long foreign = startForeign();
    Path marker = dir.resolve("started");
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("scrape").step(step("fetch").sh("touch " + marker)
            .processMatch("^sleep " + seconds.replace(".", "\\.") + "$")
            .retry(2, Duration.ofMillis(50), 1.0)).build(),
        workflow("other").step(step("fetch").sh("true").processMatch("^no-such-scraper-anywhere$")).build());

    long runId = daemon.trigger("scrape", java.util.Map.of());
    var run = daemon.awaitEnd(runId, Duration.ofSeconds(20));

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(runId)).hasSize(2).extracting(StepRunRecord::error)
        .allSatisfy(e -> assertThat(e).contains("not started: process " + foreign + " sleep " + seconds)
            .contains("was not started by ShotClock"));
    assertThat(marker).doesNotExist();
    assertThat(daemon.runToEnd("other", Duration.ofSeconds(20)).state()).isEqualTo(RunState.SUCCEEDED);
  }
}
