package dev.shotclock.config;

import java.time.Duration;

/**
 * Run-history retention. Runs (slots that were executed or admitted as runs, whatever their end)
 * older than {@code maxAge}, or beyond {@code maxRunsPerWorkflow} per workflow, are pruned, but
 * never the newest {@code keepLast} runs of a workflow. Slots recorded as not run (SKIPPED_*,
 * MISSED) do not count towards those limits: they have their own, shorter ones, so a long pause
 * cannot push a workflow's real runs out. Whatever is pruned stays counted in the daily aggregates.
 *
 * @param skippedMaxAge slots recorded as not run are pruned after this long
 * @param skippedMaxPerWorkflow at most this many of them are kept per workflow (the newest)
 */
public record RetentionSettings(Duration maxAge, int maxRunsPerWorkflow, int keepLast,
    Duration skippedMaxAge, int skippedMaxPerWorkflow) {

  public static final RetentionSettings DEFAULT = new RetentionSettings(Duration.ofDays(30), 1000, 20,
      Duration.ofDays(7), 200);
}
