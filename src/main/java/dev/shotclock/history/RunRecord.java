package dev.shotclock.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code sc_runs}: a slot of a workflow and what happened to it.
 *
 * @param slotKey identifies the slot: the ISO instant of a scheduled fire, or {@code manual:<key>}
 * @param attempt 0 before the first start; each (re)start after a crash adds one
 * @param queued waits for the workflow's current run to end before it starts
 * @param notBefore a delayed start (jitter); null = as soon as possible
 * @param retryOf the run this one retries (its succeeded steps are not run again), or null
 */
public record RunRecord(
    long id,
    String workflowId,
    String slotKey,
    Instant scheduledAt,
    TriggerKind triggerKind,
    RunState state,
    String reason,
    int attempt,
    boolean queued,
    Instant notBefore,
    String nodeId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant heartbeatAt,
    Map<String, String> params,
    String correlationId,
    String requestedBy,
    String logPath,
    String error,
    Long retryOf) {

  public RunRecord {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /** Wall time from start to end (or to {@code now} while running); null before the start. */
  public Duration duration(Instant now) {
    if (startedAt == null) {
      return null;
    }
    return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
  }
}
