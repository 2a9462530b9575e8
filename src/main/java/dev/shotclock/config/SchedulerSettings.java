package dev.shotclock.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * @param threads Quartz worker threads: how many workflow runs may execute at once on this node
 * @param maxConcurrentSteps steps (child processes) running at once across all runs of this node
 * @param misfireThreshold how late a fire may be before it counts as missed
 * @param shutdownGrace on SIGTERM, how long running steps may go on before they are terminated
 * @param killGrace between SIGTERM and SIGKILL to a step's process group (timeout, cancel, stop)
 * @param timeZone time zone of triggers that do not name one
 * @param blackouts windows in which no workflow's scheduled fire runs (recorded SKIPPED_BLACKOUT)
 */
public record SchedulerSettings(
    int threads,
    int maxConcurrentSteps,
    Duration misfireThreshold,
    Duration shutdownGrace,
    Duration killGrace,
    ZoneId timeZone,
    java.util.List<BlackoutWindow> blackouts) {

  public SchedulerSettings {
    blackouts = java.util.List.copyOf(blackouts);
  }
}
