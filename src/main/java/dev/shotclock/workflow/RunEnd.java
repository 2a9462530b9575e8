package dev.shotclock.workflow;

import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunState;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A run that ended and whose end was stored.
 *
 * @param run the run as it was when its attempt started
 * @param retryAfter the latest {@code retry_after} a step reported in its result file (a 429 seen
 *     by a fetch): its source should be left alone until then; null when none
 */
public record RunEnd(RunRecord run, WorkflowDef workflow, RunState state, String summary, Path logFile,
    Instant retryAfter) {

  /** Told about every stored run end (task bookkeeping, alerts, circuit breakers). */
  @FunctionalInterface
  public interface Listener {
    void runEnded(RunEnd end);
  }
}
