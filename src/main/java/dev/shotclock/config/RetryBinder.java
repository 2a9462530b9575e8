package dev.shotclock.config;

/**
 * Binds a {@code retry} block field by field over an inherited policy: a step's unspecified fields
 * come from its workflow's retry, whose unspecified fields come from {@link RetrySpec#NONE}.
 */
final class RetryBinder {

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
            m.get("jitter").fraction().orElse(inherited.jitter()));
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
}
