package dev.shotclock.workflow;

/**
 * How a child process ended.
 *
 * @param exitCode the exit status; 128+N when it died of signal N; null when it never started
 * @param pid the child's pid (and process group), 0 when it never started
 * @param message what happened, in words (why it failed to start, the timeout, the cancel)
 */
public record ProcessOutcome(Kind kind, Integer exitCode, long pid, String message) {

  /** The ways a process run ends. */
  public enum Kind {
    EXITED,
    TIMED_OUT,
    CANCELLED,
    START_FAILED
  }

  static ProcessOutcome startFailed(String message) {
    return new ProcessOutcome(Kind.START_FAILED, null, 0, message);
  }
}
