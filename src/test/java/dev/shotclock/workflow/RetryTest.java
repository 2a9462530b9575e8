package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shotclock.config.RetrySpec;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void the_backoff_schedule_grows_by_the_factor_up_to_the_cap_with_bounded_jitter() {
    RetrySpec spec = new RetrySpec(6, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.2);
    assertThat(spec.delayAfter(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(spec.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(120));
    assertThat(spec.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(240));
    assertThat(spec.delayAfter(10, () -> 0.5)).isEqualTo(Duration.ofMinutes(30));
    assertThat(spec.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(48));
    assertThat(spec.delayAfter(1, () -> 0.999999)).isBetween(Duration.ofSeconds(71), Duration.ofSeconds(72));
  }

  @Test
  void tries_follow_the_configured_schedule_within_tolerance() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("retry")
        .step(step("flaky").sh("exit 1").retry(3, Duration.ofMillis(600), 2.0)).build());
    RunRecord run = daemon.runToEnd("retry", Duration.ofSeconds(30));
    assertThat(run.state()).isEqualTo(RunState.FAILED);
    List<StepRunRecord> tries = daemon.steps(run.id());
    assertThat(tries).extracting(StepRunRecord::tryNumber).containsExactly(1, 2, 3);
    assertThat(tries).allSatisfy(t -> assertThat(t.state()).isEqualTo(StepState.FAILED));
    long gap1 = Duration.between(tries.get(0).finishedAt(), tries.get(1).startedAt()).toMillis();
    long gap2 = Duration.between(tries.get(1).finishedAt(), tries.get(2).startedAt()).toMillis();
    assertThat(gap1).isCloseTo(600, within(350L));
    assertThat(gap2).isCloseTo(1200, within(350L));
  }

  @Test
  void a_non_retryable_exit_code_stops_retrying() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("usage")
        .step(step("bad-args").sh("exit 2").retry(5, Duration.ofMillis(100), 1.0).nonRetryableExitCodes(2))
        .build());
    RunRecord run = daemon.runToEnd("usage", Duration.ofSeconds(30));
    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(daemon.steps(run.id())).hasSize(1).first()
        .satisfies(t -> assertThat(t.error()).contains("not retryable"));
  }

  @Test
  void a_step_that_succeeds_on_its_second_try_succeeds() throws Exception {
    Path marker = dir.resolve("tried-once");
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("second")
        .step(step("s").sh("if [ -f " + marker + " ]; then exit 0; else touch " + marker + "; exit 1; fi")
            .retry(3, Duration.ofMillis(100), 1.0)).build());
    RunRecord run = daemon.runToEnd("second", Duration.ofSeconds(30));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(daemon.steps(run.id())).extracting(StepRunRecord::state)
        .containsExactly(StepState.FAILED, StepState.SUCCEEDED);
  }
}
