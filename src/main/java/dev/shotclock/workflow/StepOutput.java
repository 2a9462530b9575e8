package dev.shotclock.workflow;

import java.time.Instant;

/** Where a step's output goes: the child's merged stdout and stderr, and the daemon's own notes. */
public interface StepOutput {

  /** Raw bytes from the child. */
  void write(byte[] buf, int off, int len);

  /** A line the daemon writes about this step. */
  void note(String text);

  /** Flushes a last line that had no newline; called when the child's output ends. */
  void end();

  /** Every byte the child produced, kept or not. */
  long bytesSeen();

  /** When the child last produced output; null before any (for stall detection). */
  Instant lastOutputAt();
}
