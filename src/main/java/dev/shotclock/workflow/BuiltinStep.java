package dev.shotclock.workflow;

import dev.shotclock.config.StepAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A step kind that runs inside the daemon instead of as a child process ({@code http}, and the
 * kinds other packages register). The step runner gives it the same frame as a process: named
 * locks, the node's step permits, retries, a timeout and cancellation (both through the token),
 * the run log, and the result file the step's success predicate reads.
 */
public interface BuiltinStep {

  /**
   * One try of a step.
   *
   * @param cwd the step's working directory; relative paths of the action resolve against it
   * @param output the run log: {@link StepOutput#write} lines count as output for stall detection
   * @param cancel cancelled on run cancel, shutdown, stall or timeout: stop promptly and return
   * @param resultFile where to write the try's JSON result ({@code retry_after} in it holds the
   *     task's source back)
   */
  record Invocation(String workflowId, long runId, String stepId, int tryNumber, StepAction action,
      Map<String, String> params, Path cwd, StepOutput output, CancelToken cancel, Path resultFile) {

    /** A value of the action with {@code ${param.NAME}} replaced. */
    public String substitute(String value) {
      return ChildEnvironment.substitute(value, params);
    }
  }

  /** How a try ended when it was not cancelled. */
  record Outcome(Verdict verdict, String message, boolean retryable) {
    public static Outcome succeeded() {
      return new Outcome(Verdict.SUCCEEDED, null, false);
    }

    public static Outcome warning(String message) {
      return new Outcome(Verdict.WARNING, message, false);
    }

    public static Outcome failed(String message, boolean retryable) {
      return new Outcome(Verdict.FAILED, message, retryable);
    }
  }

  /** The outcomes of a try that ran to its end. */
  enum Verdict {
    SUCCEEDED,
    WARNING,
    FAILED
  }

  /** The action kind this executes (the key of {@link StepAction#kind()}). */
  String kind();

  /** The timeout of a try whose step sets none; null for none. */
  default Duration defaultTimeout() {
    return null;
  }

  /**
   * Runs one try. When {@code cancel} fires the try may return anything (or throw
   * InterruptedException): the runner records the cancel's reason.
   */
  Outcome execute(Invocation invocation) throws InterruptedException;
}
