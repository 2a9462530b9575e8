package dev.shotclock.adce;

import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.EnqueueResult;
import dev.shotclock.queue.NewTask;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.TaskQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Queues a step's gaps and records the try in one transaction: the record always says what the
 * queue got, and a failure leaves neither tasks nor record behind.
 */
final class GapQueue {

  /** What the queue did with a step's gaps. */
  record Tally(long created, long deduplicated, Map<String, Long> outcomes) {}

  private final Jdbc jdbc;
  private final Function<Jdbc, TaskQueue> queueWithin;

  /**
   * @param queueWithin the task queue with the settings in force, working inside a transaction
   */
  GapQueue(Jdbc jdbc, Function<Jdbc, TaskQueue> queueWithin) {
    this.jdbc = jdbc;
    this.queueWithin = queueWithin;
  }

  /**
   * @param record the try's record, given the tally
   * @throws dev.shotclock.queue.QueueFullException when the gaps do not fit; nothing is written
   */
  Tally enqueue(List<NewTask> tasks, Function<Tally, ReconciliationRecord> record, Long inventoryAgeMs) {
    return jdbc.inTransaction(tx -> {
      List<EnqueueResult> results = queueWithin.apply(tx).enqueueAll(tasks);
      Map<String, Long> outcomes = new TreeMap<>();
      for (EnqueueResult.Outcome o : EnqueueResult.Outcome.values()) {
        outcomes.put(o.name().toLowerCase(Locale.ROOT), 0L);
      }
      results.forEach(r -> outcomes.merge(r.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
      long created = results.stream().filter(EnqueueResult::created).count();
      Tally tally = new Tally(created, results.size() - created, outcomes);
      new ReconciliationRepository(tx).insert(record.apply(tally), inventoryAgeMs);
      return tally;
    });
  }

  /** Gaps per priority, by lower-case name, every priority present. */
  static Map<String, Long> byPriority(List<NewTask> tasks) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      out.put(p.name().toLowerCase(Locale.ROOT), 0L);
    }
    tasks.forEach(t -> out.merge(t.priority().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
    return out;
  }
}
