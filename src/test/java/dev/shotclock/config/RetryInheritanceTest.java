package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryInheritanceTest {

  @TempDir Path tmp;

  private WorkflowDef load(String workflowRetry, String stepRetry) {
    return new ConfigDir(tmp)
        .workflow(
            "w.yaml",
            """
            id: w
            %s
            steps:
              - id: plain
                run: [x]
              - id: own
                run: [x]
                %s
            """
                .formatted(workflowRetry, stepRetry))
        .loadWorkflow("w");
  }

  private static RetrySpec retryOf(WorkflowDef w, String step) {
    return w.step(step).orElseThrow().retry();
  }

  @Test
  void without_any_retry_every_step_has_the_defaults() {
    WorkflowDef w = load("", "");

    assertThat(w.retry()).isEqualTo(RetrySpec.NONE);
    assertThat(retryOf(w, "plain")).isEqualTo(RetrySpec.NONE);
    assertThat(RetrySpec.NONE)
        .isEqualTo(new RetrySpec(1, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.0));
  }

  @Test
  void a_step_without_retry_takes_the_workflow_retry() {
    WorkflowDef w = load("retry: {max_attempts: 4, backoff: 5s, jitter: 0.1}", "");

    RetrySpec expected = new RetrySpec(4, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(30), 0.1);
    assertThat(w.retry()).isEqualTo(expected);
    assertThat(retryOf(w, "plain")).isEqualTo(expected);
  }

  @Test
  void a_step_retry_overrides_field_by_field_then_workflow_then_defaults() {
    WorkflowDef w =
        load("retry: {max_attempts: 4, backoff: 5s}", "retry: {backoff: 1s, factor: 3}");

    assertThat(retryOf(w, "own"))
        .isEqualTo(new RetrySpec(4, Duration.ofSeconds(1), 3.0, Duration.ofMinutes(30), 0.0));
    assertThat(retryOf(w, "plain"))
        .isEqualTo(new RetrySpec(4, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(30), 0.0));
  }

  @Test
  void jitter_may_be_a_percentage() {
    WorkflowDef w = load("", "retry: {jitter: \"20%\"}");

    assertThat(retryOf(w, "own").jitter()).isEqualTo(0.2);
  }

  @Test
  void a_backoff_clash_is_reported_once_where_it_is_written() {
    ConfigDir dir =
        new ConfigDir(tmp)
            .workflow(
                "w.yaml",
                """
                id: w
                retry: {backoff: 1h}
                steps:
                  - id: inherits
                    run: [x]
                  - id: fixes
                    run: [x]
                    retry: {max_backoff: 2h}
                  - id: breaks
                    run: [x]
                    retry: {backoff: 3h, max_backoff: 2h}
                """);

    assertThat(dir.problems())
        .containsExactly(
            "conf/workflows/w.yaml:2 retry: max_backoff (30m) must be at least backoff (1h)",
            "conf/workflows/w.yaml:11 steps[2].retry: max_backoff (2h) must be at least backoff"
                + " (3h)");
  }
}
