package dev.shotclock.workflow;

import static dev.shotclock.testsupport.Workflows.step;
import static dev.shotclock.testsupport.Workflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DAG semantics with real child processes on a real daemon (H2). */
class DagRunTest {

  private static final Duration MAX = Duration.ofSeconds(30);

  @TempDir Path dir;
  DaemonFixture daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private RunRecord run(dev.shotclock.testsupport.Workflows.WorkflowBuilder wf) throws Exception {
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), wf.build());
    return daemon.runToEnd(wf.build().id(), MAX);
  }

  private Map<String, StepState> lastStates(long runId) {
    return daemon.steps(runId).stream()
        .collect(Collectors.toMap(StepRunRecord::stepId, StepRunRecord::state, (a, b) -> b));
  }

  @Test
  void independent_steps_really_run_in_parallel() throws Exception {
    RunRecord run = run(workflow("par")
        .step(step("a").sh("sleep 1.5"))
        .step(step("b").sh("sleep 1.5"))
        .step(step("c").sh("true").after("a", "b")));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    List<StepRunRecord> steps = daemon.steps(run.id());
    StepRunRecord a = steps.stream().filter(s -> s.stepId().equals("a")).findFirst().orElseThrow();
    StepRunRecord b = steps.stream().filter(s -> s.stepId().equals("b")).findFirst().orElseThrow();
    StepRunRecord c = steps.stream().filter(s -> s.stepId().equals("c")).findFirst().orElseThrow();
    assertThat(a.startedAt()).isBefore(b.finishedAt());
    assertThat(b.startedAt()).isBefore(a.finishedAt());
    assertThat(c.startedAt()).isAfterOrEqualTo(a.finishedAt()).isAfterOrEqualTo(b.finishedAt());
    assertThat(Duration.between(run.startedAt(), run.finishedAt())).isLessThan(Duration.ofMillis(2900));
  }

  @Test
  void a_completed_dependency_accepts_a_failed_upstream_but_a_succeeded_one_does_not() throws Exception {
    RunRecord run = run(workflow("modes")
        .step(step("scrape").sh("exit 1").nonCritical())
        .step(step("map").sh("true").afterCompleted("scrape"))
        .step(step("strict").sh("true").after("scrape").nonCritical()));
    Map<String, StepState> s = lastStates(run.id());
    assertThat(s).containsEntry("scrape", StepState.FAILED).containsEntry("map", StepState.SUCCEEDED)
        .containsEntry("strict", StepState.SKIPPED);
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
  }

  @Test
  void a_quorum_step_runs_when_enough_upstream_steps_succeeded() throws Exception {
    RunRecord run = run(workflow("quorum")
        .step(step("espn").sh("true").nonCritical())
        .step(step("hoopr").sh("exit 1").nonCritical())
        .step(step("nba").sh("true").nonCritical())
        .step(step("bbref").sh("exit 1").nonCritical())
        .step(step("validate").sh("true").quorum(2, "espn", "hoopr", "nba", "bbref")));
    assertThat(lastStates(run.id())).containsEntry("validate", StepState.SUCCEEDED);
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
  }

  @Test
  void a_quorum_not_met_skips_the_step_and_fails_the_run() throws Exception {
    RunRecord run = run(workflow("noquorum")
        .step(step("espn").sh("true").nonCritical())
        .step(step("hoopr").sh("exit 1").nonCritical())
        .step(step("nba").sh("exit 1").nonCritical())
        .step(step("validate").sh("true").quorum(2, "espn", "hoopr", "nba")));
    StepRunRecord validate = daemon.steps(run.id()).stream()
        .filter(s -> s.stepId().equals("validate")).findFirst().orElseThrow();
    assertThat(validate.state()).isEqualTo(StepState.SKIPPED);
    assertThat(validate.error()).contains("quorum not met: 1 of");
    assertThat(run.state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void a_non_critical_failure_gives_succeeded_with_warnings() throws Exception {
    RunRecord run = run(workflow("warn")
        .step(step("main").sh("true"))
        .step(step("optional").sh("exit 3").nonCritical()));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
    assertThat(run.error()).contains("optional FAILED");
  }

  @Test
  void a_critical_failure_skips_its_dependents_and_fails_the_run() throws Exception {
    RunRecord run = run(workflow("crit")
        .step(step("mapping").sh("exit 1"))
        .step(step("rebuild").sh("true").after("mapping"))
        .step(step("export").sh("true").after("rebuild"))
        .step(step("unrelated").sh("true")));
    assertThat(lastStates(run.id())).containsEntry("mapping", StepState.FAILED)
        .containsEntry("rebuild", StepState.SKIPPED).containsEntry("export", StepState.SKIPPED)
        .containsEntry("unrelated", StepState.SUCCEEDED);
    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(run.error()).contains("mapping FAILED");
  }

  @Test
  void a_warning_exit_code_is_success_with_warnings() throws Exception {
    RunRecord run = run(workflow("warncode").step(step("s").sh("exit 3").warningExitCodes(3)));
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED_WITH_WARNINGS);
  }

  @Test
  void the_workflow_timeout_stops_the_run_as_timed_out() throws Exception {
    RunRecord run = run(workflow("slow").timeout(Duration.ofSeconds(1))
        .step(step("sleepy").sh("sleep 30"))
        .step(step("after").sh("true").after("sleepy")));
    assertThat(run.state()).isEqualTo(RunState.TIMED_OUT);
    assertThat(Duration.between(run.startedAt(), run.finishedAt())).isLessThan(Duration.ofSeconds(10));
    assertThat(lastStates(run.id())).containsEntry("sleepy", StepState.TIMED_OUT)
        .containsEntry("after", StepState.CANCELLED);
  }

  @Test
  void parameters_reach_steps_as_arguments_and_environment() throws Exception {
    Path out = dir.resolve("out.txt");
    daemon = DaemonFixture.start(dir, TestStores.Kind.H2, Clock.systemUTC(), workflow("params")
        .params(Map.of("days", "14"))
        .step(step("echo").run("sh", "-c", "echo \"$1 $SHOTCLOCK_PARAM_days $SHOTCLOCK_WORKFLOW\" > " + out, "sh", "--days=${param.days}"))
        .build());
    long runId = daemon.trigger("params", Map.of("days", "3"));
    assertThat(daemon.awaitEnd(runId, MAX).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(java.nio.file.Files.readString(out).trim()).isEqualTo("--days=3 3 params");
  }
}
