package dev.shotclock.queue;

import dev.shotclock.db.Args;
import dev.shotclock.db.Jdbc;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One enqueue transaction: decides every request against the store and the requests before it,
 * checks the caps on the result, and only then writes. A cap overflow throws before anything is
 * written (and the transaction rolls back regardless).
 */
final class EnqueueBatch {

  /** Keys per {@code IN (...)} list. */
  private static final int CHUNK = 500;

  private final Jdbc tx;
  private final QueueSettings settings;
  private final Ranking ranking;
  private final Instant now;
  private int created;
  private long liveAfter;

  /** A key this batch creates or whose live task it may raise. */
  private static final class Plan {
    final NewTask request;
    final Task existing;
    Priority priority;

    Plan(NewTask request, Task existing, Priority priority) {
      this.request = request;
      this.existing = existing;
      this.priority = priority;
    }

    boolean raised() {
      return existing != null && priority != existing.priority();
    }
  }

  EnqueueBatch(Jdbc tx, QueueSettings settings, Instant now) {
    this.tx = tx;
    this.settings = settings;
    this.ranking = new Ranking(settings);
    this.now = now;
  }

  List<EnqueueResult> run(List<NewTask> requests) {
    lockEnqueue(tx);
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(
        requests.stream().map(NewTask::dedupeKey).toList()));
    Map<String, Task> live = liveByKey(tx, keys);
    Map<String, Task> cooling = recentSuccessByKey(
        keys.stream().filter(k -> !live.containsKey(k)).toList());
    LiveCounts before = LiveCounts.load(tx);
    LiveCounts after = before.copy();

    Map<String, Plan> plans = new LinkedHashMap<>();
    List<EnqueueResult.Outcome> outcomes = new ArrayList<>();
    for (NewTask request : requests) {
      outcomes.add(decide(request, plans, live, cooling, after));
    }
    before.checkCaps(after, settings);
    liveAfter = after.total();

    insertNew(plans.values().stream().filter(p -> p.existing == null).toList());
    raisePriorities(plans.values().stream().filter(Plan::raised).toList());

    Map<String, Task> result = liveByKey(tx, new ArrayList<>(plans.keySet()));
    List<EnqueueResult> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      String key = requests.get(i).dedupeKey();
      EnqueueResult.Outcome outcome = outcomes.get(i);
      // a live task that a cancel ended meanwhile is answered as it was read
      Task task = outcome == EnqueueResult.Outcome.COOLDOWN ? cooling.get(key)
          : result.getOrDefault(key, live.get(key));
      out.add(new EnqueueResult(outcome, task));
    }
    return out;
  }

  private EnqueueResult.Outcome decide(NewTask request, Map<String, Plan> plans,
      Map<String, Task> live, Map<String, Task> cooling, LiveCounts after) {
    String key = request.dedupeKey();
    Plan plan = plans.get(key);
    if (plan == null) {
      Task existing = live.get(key);
      if (existing == null && cooling.containsKey(key)) {
        return EnqueueResult.Outcome.COOLDOWN;
      }
      if (existing == null) {
        plans.put(key, new Plan(request, null, request.priority()));
        after.add(request.priority());
        return EnqueueResult.Outcome.CREATED;
      }
      plan = new Plan(request, existing, existing.priority());
      plans.put(key, plan);
    }
    if (!request.priority().isHigherThan(plan.priority)) {
      return EnqueueResult.Outcome.EXISTING;
    }
    after.move(plan.priority, request.priority());
    plan.priority = request.priority();
    return EnqueueResult.Outcome.PRIORITY_RAISED;
  }

  /** How many tasks {@link #run} created. */
  int created() {
    return created;
  }

  /** The live tasks after {@link #run}, as its cap check counted them. */
  long liveAfter() {
    return liveAfter;
  }

  private void insertNew(List<Plan> creations) {
    created = creations.size();
    if (creations.isEmpty()) {
      return;
    }
    List<Jdbc.Binder> rows = new ArrayList<>();
    for (Plan plan : creations) {
      NewTask t = plan.request;
      Instant notBefore = t.notBefore() == null || t.notBefore().isBefore(now) ? now
          : t.notBefore();
      rows.add(a -> a
          .string(t.dedupeKey())
          .string(t.source())
          .string(t.operation())
          .string(TaskRows.paramsToJson(t.params()))
          .intValue(plan.priority.level())
          .intValue(t.maxAttempts() == null ? settings.defaultMaxAttempts() : t.maxAttempts())
          .instant(notBefore)
          .instant(ranking.rankAt(now, plan.priority, t.source()))  // rank_at
          .instant(now)                                               // created_at
          .name(t.origin())
          .string(t.correlationId() == null ? UUID.randomUUID().toString() : t.correlationId()));
    }
    tx.batch("INSERT INTO sc_tasks (dedupe_key, source, operation, params, priority, state,"
        + " attempt, max_attempts, not_before, rank_at, created_at, origin, correlation_id)"
        + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?)", rows);
  }

  private void raisePriorities(List<Plan> raises) {
    if (raises.isEmpty()) {
      return;
    }
    List<Jdbc.Binder> rows = new ArrayList<>();
    for (Plan plan : raises) {
      Task t = plan.existing;
      rows.add(a -> a
          .intValue(plan.priority.level())
          .instant(ranking.rankAt(t.createdAt(), plan.priority, t.source()))  // rank_at
          .longValue(t.id()));
    }
    tx.batch("UPDATE sc_tasks SET priority = ?, rank_at = ? WHERE id = ?"
        + " AND state IN ('PENDING', 'RUNNING', 'RETRY_WAIT')", rows);
  }

  /** Takes the queue-wide enqueue lock until the transaction ends: caps are exact across nodes. */
  static void lockEnqueue(Jdbc tx) {
    tx.query("SELECT name FROM sc_task_locks WHERE name = 'enqueue' FOR UPDATE",
        Jdbc.Binder.NONE, r -> r.string("name"));
  }

  /** The live task of each key that has one. */
  static Map<String, Task> liveByKey(Jdbc tx, List<String> keys) {
    return byKey(keys, chunk -> tx.query(liveByKeySql(chunk.size()), a -> bindAll(a, chunk),
        TaskRows.MAPPER));
  }

  /** The live tasks of {@code n} keys (parameters: the keys). */
  static String liveByKeySql(int n) {
    return "SELECT " + TaskRows.COLUMNS + " FROM sc_tasks WHERE dedupe_key IN (" + placeholders(n)
        + ") AND state IN ('PENDING', 'RUNNING', 'RETRY_WAIT')";
  }

  /** The latest task of each key that succeeded within the cooldown. */
  private Map<String, Task> recentSuccessByKey(List<String> keys) {
    if (settings.cooldown().isZero()) {
      return Map.of();
    }
    Instant since = now.minus(settings.cooldown());
    return byKey(keys, chunk -> tx.query("SELECT " + TaskRows.COLUMNS + " FROM sc_tasks"
            + " WHERE dedupe_key IN (" + placeholders(chunk.size()) + ")"
            + " AND state = 'SUCCEEDED' AND finished_at > ? ORDER BY finished_at, id",
        a -> bindAll(a, chunk).instant(since), TaskRows.MAPPER));
  }

  private static Map<String, Task> byKey(List<String> keys,
      Function<List<String>, List<Task>> query) {
    Map<String, Task> out = new HashMap<>();
    for (int i = 0; i < keys.size(); i += CHUNK) {
      for (Task t : query.apply(keys.subList(i, Math.min(keys.size(), i + CHUNK)))) {
        out.put(t.dedupeKey(), t);  // later rows win: the latest success
      }
    }
    return out;
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static Args bindAll(Args a, List<String> values) throws SQLException {
    for (String v : values) {
      a.string(v);
    }
    return a;
  }
}
