package dev.shotclock.workflow;

import dev.shotclock.config.StepDef;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state a run ends in, from how its steps ended: a stop (cancel, timeout, shutdown) wins; then
 * a critical step that did not succeed fails the run; a non-critical one, or a warning, makes it
 * SUCCEEDED_WITH_WARNINGS.
 */
record RunOutcome(RunState state, String summary) {

  static RunOutcome of(WorkflowDef workflow, Map<String, StepResult> results, CancelToken cancel) {
    List<String> failedCritical = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (StepDef step : workflow.steps()) {
      StepResult r = results.get(step.id());
      if (r.state().isSuccess()) {
        if (r.state() == dev.shotclock.history.StepState.SUCCEEDED_WITH_WARNINGS) {
          warnings.add(describe(step, r));
        }
      } else if (step.critical()) {
        failedCritical.add(describe(step, r));
      } else {
        warnings.add(describe(step, r));
      }
    }
    if (cancel.isCancelled()) {
      return new RunOutcome(RunState.valueOf(cancel.reason()), cancel.detail());
    }
    if (!failedCritical.isEmpty()) {
      return new RunOutcome(RunState.FAILED, "critical step(s) did not succeed: "
          + String.join("; ", failedCritical));
    }
    if (!warnings.isEmpty()) {
      return new RunOutcome(RunState.SUCCEEDED_WITH_WARNINGS, String.join("; ", warnings));
    }
    return new RunOutcome(RunState.SUCCEEDED, null);
  }

  private static String describe(StepDef step, StepResult r) {
    return step.id() + " " + r.state() + (r.error() != null ? " (" + r.error() + ")" : "");
  }
}
