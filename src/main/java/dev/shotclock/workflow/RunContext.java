package dev.shotclock.workflow;

import dev.shotclock.config.WorkflowDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the steps of one attempt of a run share.
 *
 * @param params the workflow's parameter defaults overlaid with the run's own
 * @param cancel cancels the whole attempt (operator cancel, workflow timeout, shutdown)
 */
record RunContext(
    long runId,
    WorkflowDef workflow,
    int attempt,
    Map<String, String> params,
    String correlationId,
    Instant scheduledAt,
    Path logFile,
    RunLog log,
    CancelToken cancel,
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> retryAfter) {

  /** Keeps the latest retry_after reported by any step of the run. */
  void reportRetryAfter(java.time.Instant until) {
    retryAfter.accumulateAndGet(until, (a, b) -> a == null || b.isAfter(a) ? b : a);
  }
}
