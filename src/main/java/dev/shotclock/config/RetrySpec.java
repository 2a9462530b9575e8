package dev.shotclock.config;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Retry policy of a step: attempt n+1 starts {@code min(backoff * factor^(n-1), maxBackoff)} after
 * attempt n ended, spread by ±{@code jitter} (a fraction, 0.2 = 20 %).
 *
 * @param maxAttempts attempts in all, 1 = no retry
 */
public record RetrySpec(
    int maxAttempts, Duration backoff, double factor, Duration maxBackoff, double jitter) {

  public static final RetrySpec NONE =
      new RetrySpec(1, Duration.ofSeconds(60), 2.0, Duration.ofMinutes(30), 0.0);

  /**
   * The wait after attempt {@code failedAttempt} (1-based) before the next one.
   *
   * @param random uniform in [0, 1), injected so tests are deterministic
   */
  public Duration delayAfter(int failedAttempt, DoubleSupplier random) {
    double base = backoff.toMillis() * Math.pow(factor, Math.max(0, failedAttempt - 1));
    double capped = Math.min(base, maxBackoff.toMillis());
    double spread = jitter <= 0 ? 0 : capped * jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
  }

  public boolean hasAttemptAfter(int attempt) {
    return attempt < maxAttempts;
  }
}
