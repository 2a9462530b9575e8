package dev.shotclock.config;

import java.time.Duration;

/**
 * What to do with slots missed while the daemon was down (or the scheduler could not fire them).
 *
 * @param maxLateness slots older than this are never run, only recorded as MISSED; null = no bound
 */
public record CatchUp(CatchUpPolicy policy, Duration maxLateness) {

  public static final CatchUp NONE = new CatchUp(CatchUpPolicy.NONE, null);
}
