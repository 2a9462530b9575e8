package dev.shotclock.config;

import java.util.Set;

/**
 * How a step's outcome is judged beyond "exit code 0 = success".
 *
 * @param warningExitCodes these exit codes mean success with warnings
 * @param nonRetryableExitCodes these exit codes fail the step without further attempts
 * @param predicate over the JSON result file the step writes to {@code $SHOTCLOCK_RESULT_FILE},
 *     e.g. {@code errors / items <= 0.1}; null = no result file needed
 */
public record SuccessRules(
    Set<Integer> warningExitCodes,
    Set<Integer> nonRetryableExitCodes,
    ResultPredicate predicate) {

  public static final SuccessRules DEFAULT = new SuccessRules(Set.of(), Set.of(2), null);

  public SuccessRules {
    warningExitCodes = Set.copyOf(warningExitCodes);
    nonRetryableExitCodes = Set.copyOf(nonRetryableExitCodes);
  }
}
