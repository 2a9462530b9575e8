package dev.shotclock.queue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Limits and ordering of the task queue. A task's rank is computed when it is enqueued (or
 * raised, or requeued), so a new aging interval or source weight orders tasks queued after it.
 *
 * @param cooldown a key that succeeded less than this ago is not queued again
 * @param maxQueue most live tasks (PENDING, RUNNING, RETRY_WAIT) in all
 * @param priorityCaps most live tasks per priority; a priority without an entry is unlimited
 * @param agingInterval the wait that makes up one priority level (see {@link TaskQueue})
 * @param defaultMaxAttempts attempts of a task that does not name its own
 * @param sourceWeights per-source weight of the priority offset; a missing source weighs 1.0
 */
public record QueueSettings(
    Duration cooldown,
    int maxQueue,
    Map<Priority, Integer> priorityCaps,
    Duration agingInterval,
    int defaultMaxAttempts,
    Map<String, Double> sourceWeights) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(6);
  public static final int DEFAULT_MAX_QUEUE = 1000;
  public static final Map<Priority, Integer> DEFAULT_PRIORITY_CAPS = Map.of(
      Priority.CRITICAL, 100, Priority.HIGH, 300, Priority.NORMAL, 400, Priority.LOW, 200);
  public static final Duration DEFAULT_AGING_INTERVAL = Duration.ofHours(6);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public QueueSettings {
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(agingInterval, "agingInterval");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, not " + cooldown);
    }
    if (maxQueue < 1) {
      throw new IllegalArgumentException("max_queue must be at least 1, not " + maxQueue);
    }
    priorityCaps.forEach((p, cap) -> {
      if (cap < 0) {
        throw new IllegalArgumentException("cap of " + p + " must not be negative, not " + cap);
      }
    });
    priorityCaps = priorityCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(priorityCaps));
    if (agingInterval.isZero() || agingInterval.isNegative()) {
      throw new IllegalArgumentException("aging interval must be positive, not " + agingInterval);
    }
    if (defaultMaxAttempts < 1) {
      throw new IllegalArgumentException(
          "default max attempts must be at least 1, not " + defaultMaxAttempts);
    }
    sourceWeights.forEach((source, w) -> {
      if (!(w > 0) || w.isInfinite()) {
        throw new IllegalArgumentException(
            "weight of source '" + source + "' must be a positive number, not " + w);
      }
    });
    sourceWeights = Map.copyOf(sourceWeights);
  }

  public static QueueSettings defaults() {
    return new QueueSettings(DEFAULT_COOLDOWN, DEFAULT_MAX_QUEUE, DEFAULT_PRIORITY_CAPS,
        DEFAULT_AGING_INTERVAL, DEFAULT_MAX_ATTEMPTS, Map.of());
  }

  /** The cap of a priority; empty when unlimited. */
  public OptionalInt capOf(Priority priority) {
    Integer cap = priorityCaps.get(priority);
    return cap == null ? OptionalInt.empty() : OptionalInt.of(cap);
  }

  public double weightOf(String source) {
    return sourceWeights.getOrDefault(source, 1.0);
  }

  public QueueSettings withCooldown(Duration value) {
    return new QueueSettings(value, maxQueue, priorityCaps, agingInterval, defaultMaxAttempts,
        sourceWeights);
  }

  public QueueSettings withMaxQueue(int value) {
    return new QueueSettings(cooldown, value, priorityCaps, agingInterval, defaultMaxAttempts,
        sourceWeights);
  }

  /** This with the cap of one priority changed; null makes it unlimited. */
  public QueueSettings withPriorityCap(Priority priority, Integer cap) {
    Map<Priority, Integer> caps = new EnumMap<>(Priority.class);
    caps.putAll(priorityCaps);
    if (cap == null) {
      caps.remove(priority);
    } else {
      caps.put(priority, cap);
    }
    return new QueueSettings(cooldown, maxQueue, caps, agingInterval, defaultMaxAttempts,
        sourceWeights);
  }

  /** This without any per-priority cap. */
  public QueueSettings withoutPriorityCaps() {
    return new QueueSettings(cooldown, maxQueue, Map.of(), agingInterval, defaultMaxAttempts,
        sourceWeights);
  }

  public QueueSettings withAgingInterval(Duration value) {
    return new QueueSettings(cooldown, maxQueue, priorityCaps, value, defaultMaxAttempts,
        sourceWeights);
  }

  public QueueSettings withDefaultMaxAttempts(int value) {
    return new QueueSettings(cooldown, maxQueue, priorityCaps, agingInterval, value,
        sourceWeights);
  }

  public QueueSettings withSourceWeight(String source, double weight) {
    Map<String, Double> weights = new HashMap<>(sourceWeights);
    weights.put(source, weight);
    return new QueueSettings(cooldown, maxQueue, priorityCaps, agingInterval, defaultMaxAttempts,
        weights);
  }
}
