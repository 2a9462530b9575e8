package dev.shotclock.admin;

import dev.shotclock.history.Event;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.StepRunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the admin API can ask of the daemon. Implemented by the daemon; the admin package never
 * touches the store or the engine itself. Methods throw {@link ApiException} for bad requests,
 * unknown ids and conflicts.
 */
public interface Operations {

  /** {@code up} false = 503, with reasons. A non-empty queue is never a reason. */
  record Health(boolean up, List<String> reasons, Map<String, String> components) {}

  record WorkflowInfo(String id, String description, List<String> triggers, String overlap,
      String catchUp, boolean paused, String pausedBy, String pauseReason, Instant pausedUntil,
      Instant nextFire, RunRecord lastRun, List<String> steps, Map<String, String> params) {}

  record Status(String nodeId, String version, Instant startedAt, String store,
      boolean schedulerRunning, int runningRuns, List<WorkflowInfo> workflows) {}

  record RunDetail(RunRecord run, List<StepRunRecord> steps, List<Event> events) {}

  /** A slice of a run's log; {@code next} is the offset to ask for next. */
  record LogChunk(long runId, String path, long offset, long next, long size, boolean complete,
      String text) {}

  record TriggerRequest(Map<String, String> params, String idempotencyKey, String requestedBy) {}

  /** @param existing the idempotency key had been used: this is the first run, not a new one */
  record Triggered(long runId, String workflowId, String state, boolean existing, String message) {}

  record Cancelled(long runId, String outcome) {}

  record Reload(boolean valid, boolean applied, List<String> problems, List<String> added,
      List<String> changed, List<String> removed, List<String> restartNeeded) {}

  Health health();

  Status status();

  List<WorkflowInfo> workflows();

  WorkflowInfo workflow(String id);

  Triggered trigger(String workflowId, TriggerRequest request);

  List<RunRecord> runs(String workflowId, String state, int limit);

  RunDetail run(long runId);

  LogChunk log(long runId, long offset, int maxBytes);

  Cancelled cancel(long runId, String requestedBy);

  Reload reload(boolean dryRun);
}
