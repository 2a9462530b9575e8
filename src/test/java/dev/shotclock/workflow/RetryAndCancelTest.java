package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import dev.shotclock.history.StepRunRecord;
import dev.shotclock.history.StepState;
import dev.shotclock.history.TriggerKind;
import dev.shotclock.testsupport.DaemonFixture;
import dev.shotclock.testsupport.Processes;
import dev.shotclock.testsupport.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryAndCancelTest {

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void a_retry_reruns_only_the_steps_that_did_not_succeed() throws Exception {
    Path fixed = dir.resolve("fixed");
    Path counter = dir.resolve("extract-runs");
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("etl")
        .step(step("extract").sh("echo x >> " + counter))
        .step(step("load").sh("test -f " + fixed).after("extract"))
        .step(step("report").sh("true").after("load")).build());
    RunRecord first = daemon.runToEnd("etl", Duration.ofSeconds(20));
    assertThat(first.state()).isEqualTo(RunState.FAILED);

    Files.writeString(fixed, "");
    var d = daemon.daemon().engine().admission().admitRequest(daemon.daemon().config().workflow("etl").orElseThrow(),
        TriggerKind.RETRY, first.params(), null, "test", first.correlationId(), first.id());
    daemon.daemon().quartz().launcher().launchNow("etl", d.runId());
    RunRecord retry = daemon.awaitEnd(d.runId(), Duration.ofSeconds(20));

    assertThat(retry.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(retry.retryOf()).isEqualTo(first.id());
    assertThat(retry.correlationId()).isEqualTo(first.correlationId());
    assertThat(daemon.steps(retry.id())).extracting(StepRunRecord::stepId).containsExactly("load", "report");
    assertThat(Files.readAllLines(counter)).hasSize(1);
  }

  @Test
  void only_runs_that_did_not_fully_succeed_can_be_retried() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(),
        workflow("ok").step(step("s")).build());
    RunRecord run = daemon.runToEnd("ok", Duration.ofSeconds(20));
    assertThat(daemon.daemon().engine().control().whyNotRetryable(run)).get().asString()
        .contains("is SUCCEEDED");
  }

  @Test
  void a_cancel_terminates_the_steps_process_groups_and_cancels_the_pending_steps() throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("long")
        .step(step("work").sh("sleep 1000 & sleep 1000; wait"))
        .step(step("after").sh("true").after("work")).build());
    long runId = daemon.trigger("long", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId, "SHOTCLOCK_STATE_DIR=" + daemon.stateDir()).size() >= 3);
    List<Long> children = Processes.withEnvironment("SHOTCLOCK_RUN_ID=" + runId);
    assertThat(daemon.daemon().engine().control().cancel(runId, "cancelled by test"))
        .isEqualTo(RunControl.CancelResult.CANCELLING);
    RunRecord run = daemon.awaitEnd(runId, Duration.ofSeconds(10));
    assertThat(run.state()).isEqualTo(RunState.CANCELLED);
    assertThat(children).noneMatch(Processes::isAlive);
    assertThat(daemon.steps(runId)).extracting(StepRunRecord::stepId, StepRunRecord::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("work", StepState.CANCELLED),
            org.assertj.core.groups.Tuple.tuple("after", StepState.CANCELLED));
  }
}
