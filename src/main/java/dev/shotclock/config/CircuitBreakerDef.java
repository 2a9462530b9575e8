package dev.shotclock.config;

import java.time.Duration;
import java.util.List;

/**
 * A workflow's circuit breaker: after {@code failures} failed (or timed-out) runs in a row the
 * workflow is paused with reason circuit-open, and resumed when {@code probe} (an argv, run every
 * {@code probeEvery}) exits 0, or else after {@code coolOff}.
 *
 * @param probe null = no probe, only the cool-off
 */
public record CircuitBreakerDef(int failures, Duration coolOff, List<String> probe, Duration probeEvery) {

  public CircuitBreakerDef {
    probe = probe == null ? null : List.copyOf(probe);
  }
}
