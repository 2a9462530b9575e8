package dev.shotclock.history;

import java.time.Instant;

/**
 * Durable per-workflow state ({@code sc_workflow_state}), kept across restarts and reloads.
 *
 * @param scheduleHash fingerprint of the workflow's triggers; a change restarts slot accounting
 * @param scheduleSince when the current triggers took effect; slots before it are not "missed"
 * @param slotsCheckedUntil every slot up to here has a row (ran, skipped or missed)
 */
public record WorkflowState(
    String workflowId,
    boolean active,
    boolean paused,
    Instant pausedAt,
    String pausedBy,
    String pauseReason,
    Instant pausedUntil,
    String scheduleHash,
    Instant scheduleSince,
    Instant slotsCheckedUntil) {}
