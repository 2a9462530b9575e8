package dev.shotclock.queue;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of {@code sc_tasks}.
 *
 * @param attempt attempts started so far in this attempt series (a claim adds one)
 * @param notBefore the task is not claimed before this instant
 * @param rankAt claims take waiting tasks in {@code (rankAt, id)} order; see {@link TaskQueue}
 * @param claimedBy node id of the last claim
 * @param runId the workflow run executing (or that last executed) the task
 */
public record Task(
    long id,
    String dedupeKey,
    String source,
    String operation,
    Map<String, String> params,
    Priority priority,
    TaskState state,
    int attempt,
    int maxAttempts,
    Instant notBefore,
    Instant rankAt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    TaskOrigin origin,
    String correlationId,
    String claimedBy,
    Long runId,
    Integer exitCode) {

  public Task {
    params = Collections.unmodifiableMap(new TreeMap<>(params));
  }

  public boolean hasAttemptLeft() {
    return attempt < maxAttempts;
  }
}
