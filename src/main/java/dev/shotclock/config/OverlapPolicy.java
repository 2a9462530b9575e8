package dev.shotclock.config;

/**
 * What a new slot does while a run of the same workflow is still going.
 *
 * <ul>
 *   <li>{@code forbid}: the new slot is recorded SKIPPED_OVERLAP and does not run
 *   <li>{@code queue}: the new slot waits and runs after the current run ends
 *   <li>{@code replace}: the current run is cancelled and the new slot runs
 *   <li>{@code allow}: both run
 * </ul>
 */
public enum OverlapPolicy {
  FORBID,
  QUEUE,
  REPLACE,
  ALLOW
}
