package dev.shotclock.queue;

import dev.shotclock.db.Jdbc;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/** Live tasks in all and per priority, as the caps see them; changed in memory by a batch. */
final class LiveCounts {

  private final Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);

  private LiveCounts() {
    for (Priority p : Priority.values()) {
      byPriority.put(p, 0L);
    }
  }

  static LiveCounts load(Jdbc tx) {
    LiveCounts counts = new LiveCounts();
    tx.query("SELECT priority, COUNT(*) AS n FROM sc_tasks"
            + " WHERE state IN ('PENDING', 'RUNNING', 'RETRY_WAIT') GROUP BY priority",
        Jdbc.Binder.NONE,
        r -> counts.byPriority.put(Priority.ofLevel(r.intValue("priority")), r.longValue("n")));
    return counts;
  }

  LiveCounts copy() {
    LiveCounts c = new LiveCounts();
    c.byPriority.putAll(byPriority);
    return c;
  }

  void add(Priority p) {
    byPriority.merge(p, 1L, Long::sum);
  }

  void move(Priority from, Priority to) {
    byPriority.merge(from, -1L, Long::sum);
    byPriority.merge(to, 1L, Long::sum);
  }

  long total() {
    return byPriority.values().stream().mapToLong(Long::longValue).sum();
  }

  long of(Priority p) {
    return byPriority.get(p);
  }

  /** Throws when {@code after} grew past a cap that {@code before} (this) respected or less. */
  void checkCaps(LiveCounts after, QueueSettings settings) {
    if (after.total() > total() && after.total() > settings.maxQueue()) {
      throw new QueueFullException(
          "max_queue", settings.maxQueue(), total(), after.total() - total());
    }
    for (Priority p : Priority.values()) {
      OptionalInt cap = settings.capOf(p);
      if (cap.isPresent() && after.of(p) > of(p) && after.of(p) > cap.getAsInt()) {
        throw new QueueFullException(p.name(), cap.getAsInt(), of(p), after.of(p) - of(p));
      }
    }
  }
}
