package dev.shotclock.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shotclock.queue.Priority;
import dev.shotclock.queue.QueueStats;
import dev.shotclock.queue.TaskState;
import dev.shotclock.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class QueueMetricsTest {

  private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicReference<QueueStats> stats = new AtomicReference<>(stats(3, Map.of("espn", 3L), null));
  private final AtomicReference<Set<String>> configured = new AtomicReference<>(Set.of("espn", "nba_api"));
  private final QueueMetrics metrics = new QueueMetrics(() -> {
    queries.incrementAndGet();
    QueueStats s = stats.get();
    if (s == null) {
      throw new IllegalStateException("store down");
    }
    return s;
  }, configured::get, clock, Duration.ofSeconds(5), registry).register();

  private static QueueStats stats(long pending, Map<String, Long> bySource, Duration oldest) {
    Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
    byState.put(TaskState.PENDING, pending);
    byState.put(TaskState.DEAD, 1L);
    Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
    byPriority.put(Priority.HIGH, pending);
    return new QueueStats(byState, byPriority, bySource, Optional.ofNullable(oldest), pending);
  }

  private double gauge(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).gauge().value();
  }

  @Test
  void gauges_read_states_priorities_sources_and_oldest_pending() {
    stats.set(stats(3, Map.of("espn", 3L), Duration.ofSeconds(90)));
    assertThat(gauge("shotclock.tasks", "state", "PENDING")).isEqualTo(3);
    assertThat(gauge("shotclock.tasks", "state", "DEAD")).isEqualTo(1);
    assertThat(gauge("shotclock.tasks", "state", "RUNNING")).isZero();
    assertThat(gauge("shotclock.tasks.live.priority", "priority", "HIGH")).isEqualTo(3);
    assertThat(gauge("shotclock.tasks.live.source", "source", "espn")).isEqualTo(3);
    assertThat(gauge("shotclock.tasks.live.source", "source", "nba_api")).as("configured, no tasks").isZero();
    assertThat(registry.get("shotclock.tasks.oldest.pending").gauge().value()).isEqualTo(90);
  }

  @Test
  void one_stats_query_serves_every_gauge_until_the_snapshot_is_stale() {
    registry.getMeters().forEach(m -> m.measure().forEach(x -> { }));
    gauge("shotclock.tasks", "state", "PENDING");
    assertThat(queries).hasValue(1);

    stats.set(stats(7, Map.of("espn", 7L), null));
    clock.tick(Duration.ofSeconds(4));
    assertThat(gauge("shotclock.tasks", "state", "PENDING")).as("still the 5 s snapshot").isEqualTo(3);
    clock.tick(Duration.ofSeconds(1));
    assertThat(gauge("shotclock.tasks", "state", "PENDING")).isEqualTo(7);
    assertThat(queries).hasValue(2);
  }

  @Test
  void a_source_gets_its_gauge_when_it_has_tasks_or_is_configured_by_a_reload() {
    assertThat(registry.find("shotclock.tasks.live.source").tag("source", "bref").gauge()).isNull();
    stats.set(stats(2, Map.of("bref", 2L), null));
    configured.set(Set.of("espn", "nba_api", "hoopr"));
    clock.tick(Duration.ofSeconds(5));
    metrics.runOnce();
    assertThat(gauge("shotclock.tasks.live.source", "source", "bref")).isEqualTo(2);
    assertThat(gauge("shotclock.tasks.live.source", "source", "hoopr")).isZero();
    assertThat(gauge("shotclock.tasks.live.source", "source", "espn")).as("no live tasks any more").isZero();
  }

  @Test
  void a_store_outage_reads_as_no_data_and_recovers() {
    stats.set(null);
    assertThat(gauge("shotclock.tasks", "state", "PENDING")).isNaN();
    metrics.runOnce();
    stats.set(stats(4, Map.of(), null));
    clock.tick(Duration.ofSeconds(5));
    assertThat(gauge("shotclock.tasks", "state", "PENDING")).isEqualTo(4);
    assertThat(registry.get("shotclock.tasks.oldest.pending").gauge().value()).isZero();
  }
}
