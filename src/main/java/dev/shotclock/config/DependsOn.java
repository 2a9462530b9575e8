package dev.shotclock.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's dependencies: each listed step must end in the given way, and if a quorum is set, at
 * least {@code quorum.count} of {@code quorum.of} must have succeeded.
 *
 * <p>YAML forms: {@code depends_on: [a, b]} (each must succeed), {@code depends_on: {a: completed,
 * b: succeeded}}, {@code depends_on: {quorum: 2, of: [a, b, c]}}; the map forms may be combined.
 */
public record DependsOn(Map<String, DependencyMode> edges, Quorum quorum) {

  public static final DependsOn NONE = new DependsOn(Map.of(), null);

  public DependsOn {
    edges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(edges));
  }

  /** Every step this one waits for. */
  public Set<String> upstream() {
    Set<String> all = new LinkedHashSet<>(edges.keySet());
    if (quorum != null) {
      all.addAll(quorum.of());
    }
    return all;
  }

  public boolean isEmpty() {
    return upstream().isEmpty();
  }

  /** At least {@code count} of the steps in {@code of} must have succeeded. */
  public record Quorum(int count, List<String> of) {
    public Quorum {
      of = List.copyOf(of);
    }
  }
}
