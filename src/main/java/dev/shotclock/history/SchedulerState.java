package dev.shotclock.history;

import java.time.Instant;

/** The scheduler-wide pause ({@code sc_scheduler_state}), kept across restarts. */
public record SchedulerState(boolean paused, Instant pausedAt, String pausedBy, String pauseReason,
    Instant pausedUntil) {}
