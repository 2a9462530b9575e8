package dev.shotclock.config;

/**
 * What the next start does with a run that a crashed daemon left running: {@code rerun} runs again
 * the steps that had not succeeded; {@code fail} leaves it INTERRUPTED.
 */
public enum CrashPolicy {
  RERUN,
  FAIL
}
