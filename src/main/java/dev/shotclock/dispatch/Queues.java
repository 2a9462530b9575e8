package dev.shotclock.dispatch;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.SourceDef;
import dev.shotclock.config.SourcesConfig;
import dev.shotclock.db.Jdbc;
import dev.shotclock.queue.Priority;
import dev.shotclock.queue.QueueSettings;
import dev.shotclock.queue.TableStatistics;
import dev.shotclock.queue.TaskQueue;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The task queue as the configuration in force describes it (caps, cooldown, aging, weights): a
 * reload of sources.yaml gives the next caller a queue with the new settings.
 */
public final class Queues {

  private final LiveConfig config;
  private final Jdbc jdbc;
  private final Clock clock;
  private final TableStatistics statistics = new TableStatistics();
  private SourcesConfig builtFor;
  private TaskQueue queue;

  public Queues(LiveConfig config, Jdbc jdbc, Clock clock) {
    this.config = config;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public synchronized TaskQueue current() {
    SourcesConfig sources = config.get().sources();
    if (queue == null || !sources.equals(builtFor)) {
      queue = new TaskQueue(jdbc, clock, settings(sources), statistics);
      builtFor = sources;
    }
    return queue;
  }

  /** A queue working inside the transaction {@code tx}, with the current settings. */
  public TaskQueue within(Jdbc tx) {
    return new TaskQueue(tx, clock, settings(config.get().sources()), statistics);
  }

  static QueueSettings settings(SourcesConfig s) {
    Map<Priority, Integer> caps = new EnumMap<>(Priority.class);
    s.priorityCaps().forEach((name, cap) -> caps.put(Priority.parse(name), cap));
    Map<String, Double> weights = new HashMap<>();
    for (SourceDef src : s.sources().values()) {
      weights.put(src.name(), src.weight());
    }
    return new QueueSettings(s.cooldown(), s.maxQueue(), caps, s.aging(),
        QueueSettings.DEFAULT_MAX_ATTEMPTS, weights);
  }
}
