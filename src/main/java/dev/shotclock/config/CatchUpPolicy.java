package dev.shotclock.config;

/** {@code none}: record missed slots only; {@code once}: run the latest one; {@code all}: run each, in order. */
public enum CatchUpPolicy {
  NONE,
  ONCE,
  ALL
}
