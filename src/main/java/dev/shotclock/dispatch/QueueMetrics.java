package dev.shotclock.dispatch;

import dev.shotclock.queue.Priority;
import dev.shotclock.queue.QueueStats;
import dev.shotclock.queue.TaskState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task queue as gauges: tasks by state, live tasks by priority and by source, and the age of
 * the oldest PENDING task (the number an operator alerts on when the dispatcher falls behind).
 *
 * <p>One stats query serves all gauges of a scrape: the snapshot is reused for {@code maxAge}, so
 * a Prometheus scrape costs the store one small transaction, not one per series. A source's gauge
 * is registered by {@link #runOnce()} (run by maintenance, never inside a scrape) once the source
 * is configured or has live tasks, and then reads 0 when it has none.
 */
public final class QueueMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);

  private final Supplier<QueueStats> stats;
  private final Supplier<Set<String>> configuredSources;
  private final Clock clock;
  private final Duration maxAge;
  private final MeterRegistry registry;
  private final Set<String> sourcesRegistered = ConcurrentHashMap.newKeySet();
  private QueueStats snapshot;
  private Instant takenAt;

  public QueueMetrics(Supplier<QueueStats> stats, Supplier<Set<String>> configuredSources, Clock clock,
      Duration maxAge, MeterRegistry registry) {
    this.stats = stats;
    this.configuredSources = configuredSources;
    this.clock = clock;
    this.maxAge = maxAge;
    this.registry = registry;
  }

  /** Registers the gauges, with one per source configured now. */
  public QueueMetrics register() {
    for (TaskState s : TaskState.values()) {
      gauge("shotclock.tasks", "Tasks in the queue by state", "state", s.name(),
          st -> st.byState().getOrDefault(s, 0L));
    }
    for (Priority p : Priority.values()) {
      gauge("shotclock.tasks.live.priority", "Live tasks (pending, running, retry wait) by priority",
          "priority", p.name(), st -> st.liveByPriority().getOrDefault(p, 0L));
    }
    configuredSources.get().forEach(this::registerSource);
    Gauge.builder("shotclock.tasks.oldest.pending", this, m -> m.read(
            st -> st.oldestPendingAge().map(d -> d.toNanos() / 1e9).orElse(0.0)))
        .description("Age of the oldest PENDING task; 0 when none is pending")
        .baseUnit("seconds").register(registry);
    return this;
  }

  /** Adds the gauges of sources configured by a reload or seen with tasks since the last call. */
  public void runOnce() {
    configuredSources.get().forEach(this::registerSource);
    QueueStats st = current();
    if (st != null) {
      st.liveBySource().keySet().forEach(this::registerSource);
    }
  }

  private void registerSource(String source) {
    if (sourcesRegistered.add(source)) {
      gauge("shotclock.tasks.live.source", "Live tasks (pending, running, retry wait) by source",
          "source", source, st -> st.liveBySource().getOrDefault(source, 0L));
    }
  }

  private void gauge(String name, String description, String tag, String value,
      ToDoubleFunction<QueueStats> f) {
    Gauge.builder(name, this, m -> m.read(f)).description(description).tag(tag, value).register(registry);
  }

  private double read(ToDoubleFunction<QueueStats> f) {
    QueueStats st = current();
    return st == null ? Double.NaN : f.applyAsDouble(st);
  }

  /** The snapshot, refreshed when older than maxAge; null while the store cannot be read. */
  synchronized QueueStats current() {
    Instant now = clock.instant();
    if (snapshot == null || !now.isBefore(takenAt.plus(maxAge))) {
      try {
        snapshot = stats.get();
        takenAt = now;
      } catch (RuntimeException e) {
        // A scrape must not fail because the store is down; the gauges read NaN (no data) and
        // the watchdog's store check reports the outage.
        LOG.debug("queue stats unavailable for metrics: {}", e.toString());
        snapshot = null;
        takenAt = now;
      }
    }
    return snapshot;
  }
}
