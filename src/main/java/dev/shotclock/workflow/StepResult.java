package dev.shotclock.workflow;

import dev.shotclock.history.StepState;

/**
 * How a step ended in one attempt of a run, after all its tries.
 *
 * @param tries how many tries ran (0 when it never started)
 */
record StepResult(StepState state, Integer exitCode, String error, int tries) {

  static StepResult skipped(String reason) {
    return new StepResult(StepState.SKIPPED, null, reason, 0);
  }

  /** A step that succeeded in an earlier attempt of the same run and is not run again. */
  static StepResult carried(StepState state) {
    return new StepResult(state, null, null, 0);
  }
}
