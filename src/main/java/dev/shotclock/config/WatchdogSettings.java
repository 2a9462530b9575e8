package dev.shotclock.config;

import java.time.Duration;

/**
 * The watchdog: health checks and repairs, every {@code interval}.
 *
 * @param stallTimeout a running step with no output for this long is STALLED: killed, retried
 * @param minFreeBytes free space needed on the state and log directories
 * @param downAfter consecutive failed checks before a component counts as down
 * @param upAfter consecutive good checks before it counts as up again
 */
public record WatchdogSettings(Duration interval, Duration stallTimeout, long minFreeBytes,
    int downAfter, int upAfter) {

  public static final WatchdogSettings DEFAULT =
      new WatchdogSettings(Duration.ofSeconds(15), Duration.ofMinutes(10), 1L << 30, 2, 2);
}
