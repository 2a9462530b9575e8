package dev.shotclock.config;

import java.time.Duration;

/**
 * Launch-rate limits of a source (or of the whole dispatcher): task launches per sliding minute and
 * hour, at most {@code burst} in one dispatch pass, and at least {@code minSpacing} between two.
 * Null limits mean none.
 */
public record RateLimit(Integer perMinute, Integer perHour, Integer burst, Duration minSpacing) {

  public static final RateLimit NONE = new RateLimit(null, null, null, Duration.ZERO);
}
