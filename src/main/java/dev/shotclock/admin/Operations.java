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

  /**
   * {@code up} false = 503, with reasons. {@code status} is UP, DEGRADED (still 200: working, but
   * look) or DOWN. A non-empty queue is never a reason.
   */
  record Health(boolean up, String status, List<String> reasons, Map<String, String> components) {}

  record WorkflowInfo(String id, String description, List<String> triggers, String overlap,
      String catchUp, boolean paused, String pausedBy, String pauseReason, Instant pausedUntil,
      Instant nextFire, RunRecord lastRun, List<String> steps, Map<String, String> params) {}

  /**
   * @param components scheduler, store, disk, liveness, watchdog, dispatcher...: each one's state
   *     and what its last look said
   * @param storeSize how big the store is (null while it cannot be measured)
   */
  record Status(String nodeId, String version, Instant startedAt, String store,
      boolean schedulerRunning, boolean schedulerPaused, String pausedBy, String pauseReason,
      Instant pausedUntil, int runningRuns, Map<String, Component> components, List<WorkflowInfo> workflows,
      boolean clustered, List<NodeInfo> nodes, StoreUsage storeSize) {}

  /**
   * The store's size: the H2 file, or the ShotClock and Quartz tables on PostgreSQL.
   *
   * @param liveBytes H2: estimated live data in the file (the rest is space it holds but no longer
   *     needs); null on PostgreSQL
   * @param file the H2 file; null on PostgreSQL
   * @param diskFreeBytes usable space on the file's disk; null on PostgreSQL
   */
  record StoreUsage(long sizeBytes, Long liveBytes, String file, Long diskFreeBytes, Instant measuredAt) {}

  /**
   * A node of the cluster (or the single node), as the store sees it.
   *
   * @param alive checked in recently (cluster) / this node (single)
   * @param lastCheckin its last Quartz cluster check-in (null: not checked in, or single node)
   * @param lastSeen its watchdog's last beat
   * @param clockSkewMs its clock minus the store's (null: not measured)
   * @param running how many runs it executes; {@code runs} names up to 20 ({@code workflow#id})
   */
  record NodeInfo(String nodeId, boolean self, boolean alive, Instant lastCheckin, Instant lastSeen,
      Long clockSkewMs, String version, int running, List<String> runs) {}

  /** A part of the daemon in /status: UP, DEGRADED, DOWN, IDLE, HELD... and why. */
  record Component(String state, String detail) {}

  record RunDetail(RunRecord run, List<StepRunRecord> steps, List<Event> events) {}

  /** A slice of a run's log; {@code next} is the offset to ask for next. */
  record LogChunk(long runId, String path, long offset, long next, long size, boolean complete,
      String text) {}

  /** @param force run even inside a blackout window */
  record TriggerRequest(Map<String, String> params, String idempotencyKey, String requestedBy, boolean force) {}

  /** @param existing the idempotency key had been used: this is the first run, not a new one */
  record Triggered(long runId, String workflowId, String state, boolean existing, String message) {}

  record Cancelled(long runId, String outcome) {}

  /** @param sourcesChanged whether sources.yaml (sources, limits, queue settings) changed */
  record Reload(boolean valid, boolean applied, List<String> problems, List<String> added,
      List<String> changed, List<String> removed, boolean sourcesChanged, List<String> restartNeeded,
      List<ReloadPlan> plan) {}

  /** Next fire times of a workflow before and after a reload (3 each). */
  record ReloadPlan(String workflowId, String change, List<Instant> nextBefore, List<Instant> nextAfter) {}

  /** @param until resume by itself then (with catch-up skip); null = until resumed */
  record PauseRequest(String requestedBy, String reason, Instant until) {}

  /** @param catchUp skip, once or all */
  record ResumeRequest(String requestedBy, String catchUp) {}

  record PauseChange(boolean changed, String message, List<Long> catchUpRuns) {}

  /** Why a workflow did or did not run, and what it will do next, in sentences. */
  record Why(String workflowId, List<String> lines, Instant nextFire) {}

  record BackfillSlot(Instant scheduledAt, String action, Long runId) {}

  record Backfilled(String workflowId, boolean dryRun, List<BackfillSlot> slots) {}

  /** An operator's or a script's request to queue one task. */
  record EnqueueRequest(String source, String key, String operation, Map<String, String> params,
      String priority, String requestedBy) {}

  /** @param outcome CREATED, EXISTING, PRIORITY_RAISED or COOLDOWN */
  record Enqueued(long taskId, String outcome, String state, String priority) {}

  record Imported(String file, int tasks, Map<String, Integer> outcomes) {}

  /** The queue's counts and a page of tasks. */
  record QueueView(dev.shotclock.queue.QueueStats stats, List<dev.shotclock.queue.Task> tasks) {}

  /**
   * The scheduler at a glance without a row per workflow (the dashboard's overview stays cheap
   * with thousands of workflows).
   *
   * @param endedToday runs that ended since midnight in the scheduler's time zone, by end state
   */
  record Summary(String nodeId, String version, Instant startedAt, String store,
      boolean schedulerRunning, boolean schedulerPaused, String pausedBy, String pauseReason,
      Instant pausedUntil, int runningRuns, int workflows, int pausedWorkflows, Instant todayStart,
      Map<String, Long> endedToday) {}

  /** One workflow and the end states of its newest runs, newest first. */
  record WorkflowRow(WorkflowInfo info, List<RunRecord> recent) {}

  /** A page of the workflows whose id contains the filter; {@code total} matched in all. */
  record WorkflowPage(int total, int offset, List<WorkflowRow> rows) {}

  /**
   * A step as a node of the workflow's graph.
   *
   * @param upstream step id → how it must end: {@code succeeded}, {@code completed} or
   *     {@code quorum N of M}
   */
  record StepNode(String id, String kind, boolean critical, Map<String, String> upstream) {}

  Summary summary();

  /** Workflows in configuration order, {@code offset} first, with {@code recentRuns} outcomes each. */
  WorkflowPage workflowPage(String idContains, int offset, int limit, int recentRuns);

  /** The steps of a workflow and their dependencies, in definition order. */
  List<StepNode> steps(String workflowId);

  Enqueued enqueue(EnqueueRequest request);

  Imported importGaps(String name, com.fasterxml.jackson.databind.JsonNode gaps, String requestedBy);

  default QueueView tasks(String state, String source, String priority, int limit) {
    return tasks(state, source, priority, null, limit);
  }

  /** Newest first, tasks with ids below {@code beforeId} (null = from the newest). */
  QueueView tasks(String state, String source, String priority, Long beforeId, int limit);

  dev.shotclock.queue.Task task(long taskId);

  dev.shotclock.queue.Task cancelTask(long taskId, String requestedBy);

  dev.shotclock.queue.Task requeueTask(long taskId, String requestedBy);

  Health health();

  /** Prometheus text exposition of every metric. */
  String metrics();

  Status status();

  List<WorkflowInfo> workflows();

  WorkflowInfo workflow(String id);

  Triggered trigger(String workflowId, TriggerRequest request);

  default List<RunRecord> runs(String workflowId, String state, int limit) {
    return runs(workflowId, state, null, limit);
  }

  /** Newest first, runs with ids below {@code beforeId} (keyset paging; null = from the newest). */
  List<RunRecord> runs(String workflowId, String state, Long beforeId, int limit);

  RunDetail run(long runId);

  LogChunk log(long runId, long offset, int maxBytes);

  Cancelled cancel(long runId, String requestedBy);

  Reload reload(boolean dryRun);

  PauseChange pause(String workflowId, PauseRequest request);

  PauseChange resume(String workflowId, ResumeRequest request);

  PauseChange pauseAll(PauseRequest request);

  PauseChange resumeAll(ResumeRequest request);

  /** A new run of the same workflow and parameters that re-runs only the steps that did not succeed. */
  Triggered retry(long runId, String requestedBy);

  /** Slots that did not run, with why, newest first. */
  List<RunRecord> missed(String workflowId, int limit);

  /**
   * Outcomes and durations (p50, p95, max) of a configured workflow per UTC day over the last
   * {@code days} (1 to {@link dev.shotclock.history.RunStats#MAX_DAYS}), pruned runs included.
   */
  dev.shotclock.history.RunStats.WorkflowStats stats(String workflowId, int days);

  Why why(String workflowId);

  Backfilled backfill(String workflowId, Instant from, Instant to, boolean dryRun, String requestedBy);

  /** The audit log and the daemon's own events, newest first; filters may be null. */
  default List<Event> events(String kind, String workflowId, int limit) {
    return events(kind, workflowId, null, limit);
  }

  /** Newest first, events with ids below {@code beforeId} (null = from the newest). */
  List<Event> events(String kind, String workflowId, Long beforeId, int limit);

  /**
   * The newest reconcile or enqueue record of each step of the configured workflows (all of them,
   * or one), by workflow and step: when gaps were last looked for, and what the queue got.
   */
  List<dev.shotclock.adce.ReconciliationRecord> reconciliation(String workflowId);

  /** Records a mutating API call in the audit log. */
  void audit(String who, String call, int status);
}
