package dev.shotclock.config;

/**
 * A data source of {@code conf/sources.yaml}: a queued task of this source runs {@code workflow}
 * (the task's params become the run's params), within its own concurrency and rate limits.
 *
 * @param weight a heavier source's tasks age faster in the queue (1.0 = neutral)
 * @param retry how a failed task is retried: attempts and backoff between them
 */
public record SourceDef(String name, String workflow, int maxConcurrent, RateLimit rate,
    RetrySpec retry, double weight) {}
