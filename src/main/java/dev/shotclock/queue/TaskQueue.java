package dev.shotclock.queue;

import dev.shotclock.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent priority task queue in {@code sc_tasks} (H2 or PostgreSQL).
 *
 * <p><b>Life of a task.</b> {@link #enqueue} creates it PENDING; {@link #claim} makes it RUNNING
 * (attempt + 1); then {@link #complete} (SUCCEEDED), {@link #fail} or {@link #timedOut} (back to
 * RETRY_WAIT until {@code not_before} while attempts remain, else DEAD or TIMED_OUT), {@link
 * #cancel} (CANCELLED), or {@link #releaseRunning} after a node died. {@link #requeue} starts a
 * new attempt series for a task that ended without success. Terminal tasks are never run again
 * implicitly.
 *
 * <p><b>Dedupe.</b> A dedupe key has at most one live (PENDING, RUNNING, RETRY_WAIT) task, which
 * the database enforces with a unique index. Enqueuing a live key returns its task (raising its
 * priority when asked for a higher one); a key that SUCCEEDED less than {@code cooldown} ago is
 * not queued again.
 *
 * <p><b>Order.</b> Claims take due tasks in {@code (rank_at, id)} order, where
 *
 * <pre>rank_at = created_at + (priority level - 1) × aging_interval / weight(source)</pre>
 *
 * <p>so one priority level is worth one aging interval of waiting (6 h by default): among tasks
 * of similar age the higher priority goes first, a task that has waited longer goes before a
 * younger one of the same priority, and equal ranks go first-in first-out (by id). Nothing
 * starves: a LOW task (level 4) that has waited three intervals ties with a CRITICAL task created
 * now (and, being older, goes first), and goes before any created later. A source weight above 1
 * shrinks the priority offset of its tasks (with weight 2 a LOW task's offset is 1.5 intervals
 * instead of 3), a weight below 1 stretches it; weights do not move CRITICAL tasks, whose offset
 * is zero. Raising a task's priority recomputes its rank from its original {@code created_at}.
 * The rank is a stored column, so a claim is one ordered index scan that stops at its limit
 * however many tasks wait, and the order depends only on the injected clock.
 *
 * <p><b>Concurrency.</b> Every operation is one transaction. Claims lock with {@code FOR UPDATE
 * SKIP LOCKED} and mark RUNNING only tasks still waiting, so concurrent claimers on any number of
 * nodes never claim a task twice. Enqueues and requeues, the only ways a key becomes live,
 * serialize on a lock row ({@code sc_task_locks}): the caps are exact, and concurrent batches
 * cannot deadlock on each other's new keys. The unique index stays the arbiter: a writer that
 * bypassed the lock would make the enqueue fail whole ({@code DbException.UniqueViolation}),
 * never create a second live task.
 */
public final class TaskQueue {

  private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);

  private final Jdbc jdbc;
  private final Clock clock;
  private final QueueSettings settings;
  private final Ranking ranking;
  private final TableStatistics statistics;

  public TaskQueue(Jdbc jdbc, Clock clock, QueueSettings settings) {
    this(jdbc, clock, settings, new TableStatistics());
  }

  /** A queue whose bulk enqueues keep {@code statistics}, shared by the store's queues, current. */
  public TaskQueue(Jdbc jdbc, Clock clock, QueueSettings settings, TableStatistics statistics) {
    this.jdbc = jdbc;
    this.statistics = statistics;
    this.clock = clock;
    this.settings = settings;
    this.ranking = new Ranking(settings);
  }

  public QueueSettings settings() {
    return settings;
  }

  /** Enqueues one task; see {@link #enqueueAll}. */
  public EnqueueResult enqueue(NewTask task) {
    return enqueueAll(List.of(task)).get(0);
  }

  /**
   * Enqueues all of {@code tasks} in one transaction, deduplicated by key against the store and
   * against each other. Results are in request order.
   *
   * @throws QueueFullException when the batch would take the live tasks past {@code max_queue} or
   *     a priority cap; nothing is written then
   */
  public List<EnqueueResult> enqueueAll(List<NewTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    EnqueueBatch[] done = new EnqueueBatch[1];
    List<EnqueueResult> results = jdbc.inTransaction(tx -> {
      done[0] = new EnqueueBatch(tx, settings, now);
      return done[0].run(tasks);
    });
    statistics.created(jdbc, done[0].created(), done[0].liveAfter());
    return results;
  }

  /**
   * Claims up to {@code max} due tasks (PENDING, or RETRY_WAIT whose {@code not_before} has come)
   * in rank order and marks them RUNNING by {@code nodeId}.
   *
   * @param sources only tasks of these sources; null = any source
   * @return the claimed tasks in rank order
   */
  public List<Task> claim(int max, String nodeId, Set<String> sources) {
    Map<String, Integer> perSource = null;
    if (sources != null) {
      perSource = new TreeMap<>();
      for (String s : sources) {
        perSource.put(s, max);
      }
    }
    return claim(max, nodeId, perSource);
  }

  /**
   * Claims up to {@code max} due tasks in rank order, at most {@code freeSlots.get(source)} of
   * each source and none of a source not in the map. The dispatcher passes its global and
   * per-source free slots.
   */
  public List<Task> claimBySource(int max, String nodeId, Map<String, Integer> freeSlots) {
    return claim(max, nodeId, Map.copyOf(freeSlots));
  }

  private List<Task> claim(int max, String nodeId, Map<String, Integer> perSource) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank");
    }
    if (max <= 0 || (perSource != null && perSource.isEmpty())) {
      return List.of();
    }
    Instant now = now();
    List<Task> claimed = jdbc.inTransaction(tx -> new Claim(tx, now, nodeId).run(max, perSource));
    LOG.trace("node={} claimed={}", nodeId, claimed.size());
    return claimed;
  }

  /** Records the workflow run executing a RUNNING task; false when the task is not RUNNING. */
  public boolean attachRun(long taskId, long runId) {
    return jdbc.update("UPDATE sc_tasks SET run_id = ? WHERE id = ? AND state = 'RUNNING'",
        a -> a.longValue(runId).longValue(taskId)) == 1;
  }

  /**
   * Marks a RUNNING task SUCCEEDED. False when it is not RUNNING (cancelled or released
   * meanwhile): the outcome is then not recorded.
   *
   * @param runId the run that did it; null keeps the attached one
   */
  public boolean complete(long id, Long runId) {
    boolean done = jdbc.update("UPDATE sc_tasks SET state = 'SUCCEEDED', finished_at = ?,"
            + " run_id = COALESCE(?, run_id) WHERE id = ? AND state = 'RUNNING'",
        a -> a.instant(now()).longValue(runId).longValue(id)) == 1;
    if (!done) {
      LOG.debug("task={} was not RUNNING; completion not recorded", id);
    }
    return done;
  }

  /**
   * Ends a RUNNING task's attempt as failed: RETRY_WAIT until now + {@code retryDelay} when
   * {@code retryable} and attempts remain, else DEAD. The error (cut to 4 KB) and exit code are
   * kept either way.
   *
   * @return the task after the change; empty when it was not RUNNING
   */
  public Optional<Task> fail(
      long id, String error, Integer exitCode, boolean retryable, Duration retryDelay) {
    return endAttempt(id, TaskState.DEAD, error, exitCode, retryable, retryDelay);
  }

  /**
   * Ends a RUNNING task's attempt as timed out, which counts as a failed attempt: RETRY_WAIT until
   * now + {@code retryDelay} while attempts remain, else TIMED_OUT.
   *
   * @return the task after the change; empty when it was not RUNNING
   */
  public Optional<Task> timedOut(long id, String error, Duration retryDelay) {
    return endAttempt(id, TaskState.TIMED_OUT, error == null ? "timed out" : error, null, true,
        retryDelay);
  }

  private Optional<Task> endAttempt(long id, TaskState whenNoRetry, String error,
      Integer exitCode, boolean retryable, Duration retryDelay) {
    Instant now = now();
    return jdbc.inTransaction(tx -> {
      Optional<Task> locked = lock(tx, id);
      if (locked.isEmpty() || locked.get().state() != TaskState.RUNNING) {
        LOG.debug("task={} was not RUNNING; attempt end {} not recorded", id, whenNoRetry);
        return Optional.<Task>empty();
      }
      boolean retry = retryable && locked.get().hasAttemptLeft();
      Duration delay = retryDelay == null || retryDelay.isNegative() ? Duration.ZERO : retryDelay;
      tx.update("UPDATE sc_tasks SET state = ?, not_before = ?, finished_at = ?, last_error = ?,"
              + " exit_code = ? WHERE id = ?",
          a -> a.name(retry ? TaskState.RETRY_WAIT : whenNoRetry)
              .instant(retry ? now.plus(delay) : locked.get().notBefore())
              .instant(retry ? null : now)
              .string(TaskRows.capError(error))
              .intValue(exitCode)
              .longValue(id));
      return lock(tx, id);
    });
  }

  /**
   * Cancels a live task. A RUNNING task's run must be stopped by its caller; its later outcome is
   * then ignored.
   *
   * @param by who cancelled, kept as the task's last error
   * @return the cancelled task; empty when it was not live (or does not exist)
   */
  public Optional<Task> cancel(long id, String by) {
    int n = jdbc.update("UPDATE sc_tasks SET state = 'CANCELLED', finished_at = ?, last_error = ?"
            + " WHERE id = ? AND state IN ('PENDING', 'RUNNING', 'RETRY_WAIT')",
        a -> a.instant(now()).string(TaskRows.capError("cancelled by " + by)).longValue(id));
    if (n == 0) {
      return Optional.empty();
    }
    LOG.info("task={} cancelled by={}", id, by);
    return find(id);
  }

  /**
   * Starts a new attempt series (PENDING, attempt 0) for a task that ended without success (DEAD,
   * FAILED, TIMED_OUT, CANCELLED); its rank is recomputed from its original creation time. The
   * last error is kept until the next one replaces it.
   *
   * @return the requeued task; empty when it does not exist or is not in one of those states
   * @throws LiveTaskExistsException when its key already has another live task
   * @throws QueueFullException when the queue has no room for it
   */
  public Optional<Task> requeue(long id) {
    Instant now = now();
    Optional<Task> requeued = jdbc.inTransaction(tx -> {
      EnqueueBatch.lockEnqueue(tx);
      Optional<Task> locked = lock(tx, id);
      if (locked.isEmpty() || !TaskState.REQUEUEABLE.contains(locked.get().state())) {
        return Optional.<Task>empty();
      }
      Task t = locked.get();
      Task live = EnqueueBatch.liveByKey(tx, List.of(t.dedupeKey())).get(t.dedupeKey());
      if (live != null) {
        throw new LiveTaskExistsException(id, t.dedupeKey(), live.id());
      }
      LiveCounts before = LiveCounts.load(tx);
      LiveCounts after = before.copy();
      after.add(t.priority());
      before.checkCaps(after, settings);
      tx.update("UPDATE sc_tasks SET state = 'PENDING', attempt = 0, not_before = ?, rank_at = ?,"
              + " started_at = NULL, finished_at = NULL, claimed_by = NULL, run_id = NULL,"
              + " exit_code = NULL WHERE id = ?",
          a -> a.instant(now)
              .instant(ranking.rankAt(t.createdAt(), t.priority(), t.source()))
              .longValue(id));
      return lock(tx, id);
    });
    requeued.ifPresent(t -> LOG.info("task={} requeued key={}", id, t.dedupeKey()));
    return requeued;
  }

  /**
   * Crash recovery: every task RUNNING under {@code nodeId} counts its attempt as failed and goes
   * to RETRY_WAIT (claimable at once) or, with no attempt left, DEAD. Call it for a node that is
   * known to be gone (this node at startup, or a dead cluster member).
   *
   * @param reason kept as each task's last error
   * @return the released tasks after the change
   */
  public List<Task> releaseRunning(String nodeId, String reason) {
    Instant now = now();
    List<Task> released = jdbc.inTransaction(tx -> {
      List<Task> running = tx.query("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks"
          + " WHERE state = 'RUNNING' AND claimed_by = ? ORDER BY id FOR UPDATE",
          a -> a.string(nodeId), TaskRows.MAPPER);
      List<Task> out = new ArrayList<>();
      for (Task t : running) {
        boolean retry = t.hasAttemptLeft();
        tx.update("UPDATE sc_tasks SET state = ?, not_before = ?, finished_at = ?,"
                + " last_error = ? WHERE id = ?",
            a -> a.name(retry ? TaskState.RETRY_WAIT : TaskState.DEAD)
                .instant(retry ? now : t.notBefore())
                .instant(retry ? null : now)
                .string(TaskRows.capError(reason))
                .longValue(t.id()));
        out.add(lock(tx, t.id()).orElseThrow());
      }
      return out;
    });
    if (!released.isEmpty()) {
      LOG.info("released node={} tasks={} dead={} reason={}", nodeId, released.size(),
          released.stream().filter(t -> t.state() == TaskState.DEAD).count(), reason);
    }
    return released;
  }

  /**
   * Gives a claimed task back unstarted (its workflow could not take it now): PENDING again, the
   * claim's attempt not counted.
   */
  public boolean release(long id, String reason) {
    return jdbc.update("UPDATE sc_tasks SET state = 'PENDING', attempt = attempt - 1, started_at = NULL,"
            + " claimed_by = NULL, run_id = NULL, last_error = ? WHERE id = ? AND state = 'RUNNING'",
        a -> a.string(TaskRows.capError(reason)).longValue(id)) == 1;
  }

  /** Tasks RUNNING now, per source (all nodes: the limits are cluster-wide). */
  public Map<String, Integer> runningBySource() {
    Map<String, Integer> out = new TreeMap<>();
    jdbc.query("SELECT source, COUNT(*) AS n FROM sc_tasks WHERE state = 'RUNNING' GROUP BY source",
        Jdbc.Binder.NONE, r -> out.put(r.string("source"), r.intValue("n")));
    return out;
  }

  /** Whether the source has a task due now (the first row of its claim index is enough). */
  public boolean hasDue(String source) {
    return jdbc.queryOne(Claim.dueSql(jdbc, true, false, false),
        a -> a.string(source).instant(now()).intValue(1), r -> r.longValue("id")).isPresent();
  }

  /** The RUNNING task executed by a run, if any. */
  public Optional<Task> runningForRun(long runId) {
    return jdbc.queryOne("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE run_id = ? AND state = 'RUNNING'",
        a -> a.longValue(runId), TaskRows.MAPPER);
  }

  /** Tasks RUNNING under a node, oldest first. */
  public List<Task> runningOn(String nodeId) {
    return jdbc.query("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE state = 'RUNNING' AND claimed_by = ?"
        + " ORDER BY id", a -> a.string(nodeId), TaskRows.MAPPER);
  }

  /**
   * When the longest-waiting task of this priority that is not running (PENDING or RETRY_WAIT)
   * was created; empty when there is none.
   */
  public Optional<Instant> oldestWaiting(Priority priority) {
    // one indexed first row per state (ix_sc_tasks_waiting, V008), not a scan of the waiting tasks
    Optional<Instant> oldest = Optional.empty();
    for (String state : List.of("PENDING", "RETRY_WAIT")) {
      Optional<Instant> first = jdbc.queryOne(oldestWaitingSql(state),
          a -> a.intValue(priority.level()), r -> r.instant("created_at"));
      if (first.isPresent() && (oldest.isEmpty() || first.get().isBefore(oldest.get()))) {
        oldest = first;
      }
    }
    return oldest;
  }

  /**
   * The oldest task of a priority in {@code state}. Parameter: priority. The state is a literal:
   * PostgreSQL uses a partial index only for a predicate it can prove.
   */
  static String oldestWaitingSql(String state) {
    return "SELECT created_at FROM sc_tasks WHERE state = '" + state + "' AND priority = ?"
        + " ORDER BY created_at FETCH FIRST 1 ROWS ONLY";
  }

  public Optional<Task> find(long id) {
    return jdbc.queryOne("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE id = ?",
        a -> a.longValue(id), TaskRows.MAPPER);
  }

  /** Tasks matching the filter, newest first. */
  public List<Task> list(TaskFilter filter) {
    StringBuilder sql =
        new StringBuilder("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE 1 = 1");
    if (filter.state() != null) {
      sql.append(" AND state = ?");
    }
    if (filter.source() != null) {
      sql.append(" AND source = ?");
    }
    if (filter.priority() != null) {
      sql.append(" AND priority = ?");
    }
    if (filter.beforeId() != null) {
      sql.append(" AND id < ?");
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    return jdbc.query(sql.toString(), a -> {
      if (filter.state() != null) {
        a.name(filter.state());
      }
      if (filter.source() != null) {
        a.string(filter.source());
      }
      if (filter.priority() != null) {
        a.intValue(filter.priority().level());
      }
      if (filter.beforeId() != null) {
        a.longValue(filter.beforeId());
      }
      a.intValue(filter.limit());
    }, TaskRows.MAPPER);
  }

  /** Counts by state, live counts by priority and source, and the oldest PENDING task's age. */
  public QueueStats stats() {
    Instant now = now();
    return jdbc.inTransaction(tx -> {
      Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
      for (TaskState s : TaskState.values()) {
        byState.put(s, 0L);
      }
      tx.query("SELECT state, COUNT(*) AS n FROM sc_tasks GROUP BY state", Jdbc.Binder.NONE,
          r -> byState.put(r.enumValue("state", TaskState.class), r.longValue("n")));
      LiveCounts live = LiveCounts.load(tx);
      Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
      for (Priority p : Priority.values()) {
        byPriority.put(p, live.of(p));
      }
      Map<String, Long> bySource = new TreeMap<>();
      tx.query("SELECT source, COUNT(*) AS n FROM sc_tasks"
              + " WHERE state IN ('PENDING', 'RUNNING', 'RETRY_WAIT') GROUP BY source",
          Jdbc.Binder.NONE, r -> bySource.put(r.string("source"), r.longValue("n")));
      Optional<Instant> oldest = tx.queryOne("SELECT MIN(created_at) AS oldest FROM sc_tasks"
          + " WHERE state = 'PENDING'", Jdbc.Binder.NONE, r -> r.instant("oldest"));
      return new QueueStats(byState, byPriority, bySource,
          oldest.map(t -> Duration.between(t, now)), live.total());
    });
  }

  private static Optional<Task> lock(Jdbc tx, long id) {
    return tx.queryOne("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE id = ? FOR UPDATE",
        a -> a.longValue(id), TaskRows.MAPPER);
  }

  /** The clock's instant to the microsecond, as both stores keep it. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
