package dev.shotclock.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One measurement in a JVM of its own, so that no system under test inherits another's JIT
 * state, heap or static Quartz registries. Usage:
 * {@code Child SCENARIO SYSTEM STORE SIZE SECONDS WORKDIR}; prints one line {@code RESULT {json}}.
 */
public final class Child {

  private Child() {}

  public static void main(String[] args) throws Exception {
    Measurement m = Measurement.parse(args);
    Path dir = Path.of(args[5]);
    Files.createDirectories(dir);
    BenchStore store = m.store().equals("-") ? null : BenchStore.create(m.store(), dir);
    Metrics result;
    try {
      result = run(m, store, dir);
    } finally {
      if (store != null) {
        store.drop();
      }
    }
    System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result.values()));
    // Quartz and pool threads of a finished measurement must not keep this JVM alive
    System.exit(0);
  }

  private static Metrics run(Measurement m, BenchStore store, Path dir) throws Exception {
    return switch (m.scenario()) {
      case "fire" -> FireThroughput.run(m.system(), store, dir, m.size(), false);
      case "fire-one-wf" -> FireThroughput.run(m.system(), store, dir, m.size(), true);
      case "lateness" -> Lateness.run(m.system(), store, dir, m.size(), m.seconds());
      case "drain" -> QueueDrain.run(m.system(), store, m.size());
      case "claim" -> ClaimScale.run(store, m.size());
      case "footprint" -> Footprint.run(m.system(), dir, m.size(), m.seconds());
      case "cluster-fire" -> Cluster.fire(store, dir, m.size(), Cluster.nodes(m.system()));
      case "cluster-drain" -> Cluster.drain(store, dir, m.size(), Cluster.nodes(m.system()));
      case "failover" -> Cluster.failover(store, dir, m.size());
      case "steps" -> ProcessSteps.run(m.system(), store, dir, m.size());
      default -> throw new IllegalArgumentException("no scenario " + m.scenario());
    };
  }
}
