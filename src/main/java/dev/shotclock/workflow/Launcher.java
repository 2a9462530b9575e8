package dev.shotclock.workflow;

import java.time.Instant;

/**
 * Starts an existing SCHEDULED run through the scheduler engine, so that the start is durable
 * (survives a crash before it happens) and the run is recovered if the daemon dies during it.
 */
public interface Launcher {

  /** Starts the run as soon as a worker thread is free. Idempotent per run. */
  void launchNow(String workflowId, long runId);

  /** Starts the run at {@code at} (a jitter delay). Idempotent per run. */
  void launchAt(String workflowId, long runId, Instant at);

  /** Whether a launch of the run is still pending in the engine. */
  boolean hasPendingLaunch(long runId);
}
