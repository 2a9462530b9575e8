package dev.shotclock.history;

import java.time.Instant;

/** One try of one step in one attempt of a run ({@code sc_step_runs}). */
public record StepRunRecord(
    long id,
    long runId,
    String stepId,
    int runAttempt,
    int tryNumber,
    StepState state,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    Long pid,
    long outputBytes,
    Instant lastOutputAt,
    String error) {}
