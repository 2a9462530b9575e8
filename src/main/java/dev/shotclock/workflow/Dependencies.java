package dev.shotclock.workflow;

import dev.shotclock.config.DependencyMode;
import dev.shotclock.config.DependsOn;
import dev.shotclock.history.StepState;
import java.util.Map;
import java.util.Optional;

/** Decides whether a step may start, once every step it depends on has ended. */
final class Dependencies {

  private Dependencies() {}

  /** Empty when the step may run; otherwise why it is skipped. */
  static Optional<String> unmet(DependsOn dependsOn, Map<String, StepState> ended) {
    for (Map.Entry<String, DependencyMode> edge : dependsOn.edges().entrySet()) {
      StepState upstream = ended.get(edge.getKey());
      boolean ok = edge.getValue() == DependencyMode.SUCCEEDED
          ? upstream.isSuccess()
          : upstream.isCompleted();
      if (!ok) {
        return Optional.of("dependency " + edge.getKey() + " ended " + upstream + " (needs "
            + edge.getValue().name().toLowerCase() + ")");
      }
    }
    DependsOn.Quorum quorum = dependsOn.quorum();
    if (quorum != null) {
      long succeeded = quorum.of().stream().filter(id -> ended.get(id).isSuccess()).count();
      if (succeeded < quorum.count()) {
        return Optional.of("quorum not met: " + succeeded + " of " + quorum.of()
            + " succeeded, " + quorum.count() + " needed");
      }
    }
    return Optional.empty();
  }
}
