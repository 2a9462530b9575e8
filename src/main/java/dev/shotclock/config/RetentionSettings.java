package dev.shotclock.config;

import java.time.Duration;

/**
 * Run-history retention. Runs older than {@code maxAge}, or beyond {@code maxRunsPerWorkflow} per
 * workflow, are pruned (daily aggregates stay), but never the newest {@code keepLast} of a workflow.
 */
public record RetentionSettings(Duration maxAge, int maxRunsPerWorkflow, int keepLast) {}
