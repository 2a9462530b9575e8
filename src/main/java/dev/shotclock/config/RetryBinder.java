package dev.shotclock.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a {@code retry} block field by field over an inherited policy: a step's unspecified fields
 * come from its workflow's retry, whose unspecified fields come from {@link RetrySpec#NONE}.
 */
final class RetryBinder {

  private static final Pattern PERCENT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private RetryBinder() {}

  static RetrySpec bind(Value v, RetrySpec inherited) {
    return v.object(m -> retry(m, inherited));
  }

  private static RetrySpec retry(YamlMap m, RetrySpec inherited) {
    Value backoff = m.get("backoff");
    Value maxBackoff = m.get("max_backoff");
    Value factor = m.get("factor");
    RetrySpec spec =
        new RetrySpec(
            m.get("max_attempts").integer(1, 100).orElse(inherited.maxAttempts()),
            backoff.duration().orElse(inherited.backoff()),
            factor
                .number()
                .filter(factor.must(f -> f >= 1, "must be at least 1"))
                .orElse(inherited.factor()),
            maxBackoff.duration().orElse(inherited.maxBackoff()),
            jitter(m.get("jitter")).orElse(inherited.jitter()));
    // Only where this block sets one of the two: an inherited clash was reported where it was
    // written.
    boolean setsBackoff = backoff.isPresent() || maxBackoff.isPresent();
    if (setsBackoff && spec.maxBackoff().compareTo(spec.backoff()) < 0) {
      m.self()
          .problem(
              "max_backoff ("
                  + Durations.format(spec.maxBackoff())
                  + ") must be at least backoff ("
                  + Durations.format(spec.backoff())
                  + ")");
    }
    return spec;
  }

  /** A fraction in [0, 1] or a percentage: {@code 0.2} or {@code "20%"}. */
  private static Optional<Double> jitter(Value v) {
    String rule = "must be a fraction from 0 to 1 or a percentage like 20%";
    if (v.isScalar() && v.string().orElse("").endsWith("%")) {
      return v.parsed("a percentage", RetryBinder::percent)
          .filter(v.must(p -> p >= 0 && p <= 1, rule));
    }
    return v.number().filter(v.must(f -> f >= 0 && f <= 1, rule));
  }

  private static double percent(String text) {
    String number = text.substring(0, text.length() - 1).trim();
    if (!PERCENT.matcher(number).matches()) {
      throw new IllegalArgumentException("invalid percentage '" + text + "'");
    }
    return Double.parseDouble(number) / 100;
  }
}
