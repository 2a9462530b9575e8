package dev.shotclock.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker the cluster scenarios rely on finds each kind of fault (it runs in the default suite). */
class SlotCheckerTest {

  private static final Instant T = Instant.parse("2026-12-07T06:00:00Z");
  private final SlotChecker checker = new SlotChecker(Duration.ofSeconds(10));

  private static SlotChecker.RunRow run(long id, Instant at, String state, int attempt) {
    return new SlotChecker.RunRow(id, "wf", at, "c" + id, state, attempt, "node-b", at, at.plusSeconds(1));
  }

  private static SlotChecker.StepRow step(long runId, int attempt, String state, Instant start, Instant end) {
    return new SlotChecker.StepRow(runId, "s", attempt, 1, state, start, end);
  }

  @Test
  void a_slot_completed_once_in_time_passes() {
    SlotChecker.Result r = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T))),
        List.of(run(1, T, "SUCCEEDED", 1)), List.of(step(1, 1, "SUCCEEDED", T, T.plusSeconds(1))));
    r.assertExactlyOnceInTime();
    assertThat(r.totalCompleted()).isEqualTo(1);
  }

  @Test
  void a_slot_without_a_successful_run_is_lost() {
    SlotChecker.Result r = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T),
        SlotChecker.Slot.at("wf", T.plusSeconds(5)))), List.of(run(1, T, "INTERRUPTED", 1)), List.of());
    assertThat(r.lost()).hasSize(2);
    assertThatThrownBy(r::assertExactlyOnceInTime).hasMessageContaining("lost");
  }

  @Test
  void two_successful_rows_of_one_slot_are_a_duplicate() {
    SlotChecker.Result r = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T))),
        List.of(run(1, T, "SUCCEEDED", 1), run(2, T, "SUCCEEDED_WITH_WARNINGS", 1)), List.of());
    assertThat(r.duplicates()).hasSize(1);
  }

  @Test
  void a_step_redone_after_its_success_was_recorded_is_a_duplicate_but_a_late_fenced_result_is_not() {
    Instant later = T.plusSeconds(30);
    SlotChecker.Result redone = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T))),
        List.of(run(1, T, "SUCCEEDED", 2)), List.of(step(1, 1, "SUCCEEDED", T, T.plusSeconds(2)),
            step(1, 2, "SUCCEEDED", T.plusSeconds(5), T.plusSeconds(6))));
    assertThat(redone.duplicates()).hasSize(1);

    SlotChecker.Result fenced = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T))),
        List.of(run(1, T, "SUCCEEDED", 2)), List.of(step(1, 1, "SUCCEEDED", T, later),
            step(1, 2, "SUCCEEDED", T.plusSeconds(5), T.plusSeconds(6))));
    assertThat(fenced.duplicates()).isEmpty();
    assertThat(fenced.fenced()).hasSize(1);
  }

  @Test
  void a_completing_attempt_that_started_after_the_deadline_is_late() {
    // The run row keeps its first start; the re-run's own start comes from its step rows.
    SlotChecker.Result r = checker.check(checker.expectAll(List.of(SlotChecker.Slot.at("wf", T))),
        List.of(run(1, T, "SUCCEEDED", 2)), List.of(step(1, 2, "SUCCEEDED", T.plusSeconds(11), T.plusSeconds(12))));
    assertThat(r.late()).hasSize(1);
  }

  @Test
  void task_slots_are_matched_by_correlation_id() {
    SlotChecker.Result r = checker.check(checker.expectAll(List.of(SlotChecker.Slot.task("wf", "c1"),
        SlotChecker.Slot.task("wf", "c9"))), List.of(run(1, T, "SUCCEEDED", 1)), List.of());
    assertThat(r.totalCompleted()).isEqualTo(1);
    assertThat(r.lost()).singleElement().asString().contains("c9");
  }
}
