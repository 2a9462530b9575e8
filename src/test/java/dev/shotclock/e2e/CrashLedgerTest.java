package dev.shotclock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.e2e.CrashLedger.Mark;
import dev.shotclock.e2e.CrashLedger.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash loop's checker must catch each kind of loss it is there for. */
class CrashLedgerTest {

  private final CrashLedger ledger = new CrashLedger();

  @Test
  void a_healthy_history_has_no_violations() {
    ledger.confirm(1, 1);
    assertThat(ledger.checkRuns(List.of(run(1, "m1", "SUCCEEDED", 1), run(2, "m2", "RUNNING", 2)))).isEmpty();
    assertThat(ledger.checkRuns(List.of(run(1, "m1", "SUCCEEDED", 1), run(2, "m2", "SUCCEEDED", 2)))).isEmpty();
    assertThat(ledger.checkMarks(List.of(new Mark(1, 1, "a"), new Mark(2, 1, "a"), new Mark(2, 2, "a")))).isEmpty();
    assertThat(ledger.lostCount()).isZero();
    assertThat(ledger.duplicateCount()).isZero();
  }

  @Test
  void a_confirmed_result_that_came_back_running_or_rerun_is_lost() {
    ledger.confirm(1, 1);
    ledger.confirm(2, 1);
    ledger.confirm(3, 1);
    assertThat(ledger.checkRuns(List.of(run(1, "m1", "RUNNING", 1), run(2, "m2", "SUCCEEDED", 2))))
        .containsExactlyInAnyOrder(
            "run 1 was confirmed SUCCEEDED at attempt 1, now RUNNING at attempt 1",
            "run 2 was confirmed SUCCEEDED at attempt 1, now SUCCEEDED at attempt 2",
            "run 3 was confirmed SUCCEEDED at attempt 1, now missing");
    assertThat(ledger.lostCount()).isEqualTo(3);
  }

  @Test
  void rows_that_vanish_or_attempts_that_shrink_are_violations() {
    ledger.checkRuns(List.of(run(1, "m1", "RUNNING", 2), run(2, "m2", "FAILED", 1)));
    assertThat(ledger.checkRuns(List.of(run(1, "m1", "RUNNING", 1))))
        .containsExactlyInAnyOrder("run 1 went back from attempt 2 to 1", "run 2 (FAILED) is gone");
  }

  @Test
  void two_runs_of_one_slot_are_a_violation() {
    assertThat(ledger.checkRuns(List.of(run(1, "s", "SUCCEEDED", 1), run(2, "s", "SUCCEEDED", 1))))
        .containsExactly("slot wf s has two runs: 1 and 2");
  }

  @Test
  void a_step_run_twice_in_an_attempt_or_after_confirmation_is_a_duplicate() {
    ledger.confirm(1, 1);
    assertThat(ledger.checkMarks(List.of(new Mark(1, 1, "a"), new Mark(1, 2, "a"),
        new Mark(3, 1, "b"), new Mark(3, 1, "b"))))
        .containsExactlyInAnyOrder(
            "step a of run 1 ran again in attempt 2 after the run was confirmed SUCCEEDED at attempt 1",
            "step b of run 3 ran 2 times in attempt 1");
    assertThat(ledger.duplicateCount()).isEqualTo(2);
  }

  private static Run run(long id, String slot, String state, int attempt) {
    return new Run(id, "wf", slot, state, attempt);
  }
}
