package dev.shotclock.adce;

import dev.shotclock.config.PathTemplate;
import java.time.Duration;

/**
 * A reconcile step's source, ready to scan: its path template parsed after {@code ${param.}}
 * substitution.
 *
 * @param index the entry's position in the step's {@code sources}, for messages
 */
record InventorySource(int index, String name, PathTemplate path, long minSize, Duration freshness,
    String operation) {}
