package dev.shotclock.config;

/**
 * {@code succeeded}: the upstream step must succeed (warnings allowed); {@code completed}: it must
 * merely have ended, whatever its outcome (but not be skipped or cancelled).
 */
public enum DependencyMode {
  SUCCEEDED,
  COMPLETED
}
