package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code conf/sources.yaml}: the task queue's limits and the data sources the dispatcher serves.
 *
 * @param priorityCaps most live tasks per priority name (critical ... background); absent = none
 * @param cooldown a key that succeeded this recently is not queued again
 * @param aging a waiting task gains one priority level per this much waiting
 * @param sourceFile null when there is no sources.yaml (no sources: the dispatcher idles)
 */
public record SourcesConfig(Duration dispatchEvery, int maxQueue, Map<String, Integer> priorityCaps,
    Duration cooldown, Duration aging, RateLimit global, Map<String, SourceDef> sources,
    Path sourceFile) {

  public static final SourcesConfig NONE = new SourcesConfig(Duration.ofSeconds(5), 1000,
      Map.of("critical", 100, "high", 300, "normal", 400, "low", 200), Duration.ofHours(6),
      Duration.ofHours(6), RateLimit.NONE, Map.of(), null);

  public SourcesConfig {
    priorityCaps = Map.copyOf(priorityCaps);
    sources = Map.copyOf(sources);
  }

  public Optional<SourceDef> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }
}
