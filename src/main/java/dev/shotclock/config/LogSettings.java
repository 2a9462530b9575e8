package dev.shotclock.config;

import java.nio.file.Path;

/**
 * @param dir daemon and run logs
 * @param runLogCapBytes a run's log stops growing at this size; the rest of the output is drained
 *     and counted, not kept
 */
public record LogSettings(Path dir, long runLogCapBytes) {}
