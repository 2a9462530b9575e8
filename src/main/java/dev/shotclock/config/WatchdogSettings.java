package dev.shotclock.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The watchdog: health checks and repairs, every {@code interval}.
 *
 * @param stallTimeout a running step with no output for this long is STALLED: killed, retried
 * @param minFreeBytes free space needed on the state and log directories and {@code dataPaths};
 *     below it, workflows with {@code collects_data: true} and the dispatcher are held back
 * @param downAfter consecutive failed checks before a component counts as down
 * @param upAfter consecutive good checks before it counts as up again
 * @param dataPaths where collected data is written (checked for free space besides state and logs)
 * @param criticalPendingMax a CRITICAL task waiting longer than this is alerted about
 * @param storeMaxBytes the store larger than this is DEGRADED ({@code store_size} component)
 * @param storeMaxShareOfFree the H2 store file taking more than this share (0 to 1] of the free
 *     space above {@code minFreeBytes} on its disk is DEGRADED: a warning before the disk check's
 */
public record WatchdogSettings(Duration interval, Duration stallTimeout, long minFreeBytes,
    int downAfter, int upAfter, List<Path> dataPaths, Duration criticalPendingMax,
    long storeMaxBytes, double storeMaxShareOfFree) {

  public static final long DEFAULT_STORE_MAX_BYTES = 2L << 30;
  public static final double DEFAULT_STORE_MAX_SHARE_OF_FREE = 0.25;

  public static final WatchdogSettings DEFAULT = new WatchdogSettings(Duration.ofSeconds(15),
      Duration.ofMinutes(10), 1L << 30, 2, 2, List.of(), Duration.ofMinutes(30));

  public WatchdogSettings {
    dataPaths = List.copyOf(dataPaths);
  }

  /** With the default store size limits. */
  public WatchdogSettings(Duration interval, Duration stallTimeout, long minFreeBytes, int downAfter,
      int upAfter, List<Path> dataPaths, Duration criticalPendingMax) {
    this(interval, stallTimeout, minFreeBytes, downAfter, upAfter, dataPaths, criticalPendingMax,
        DEFAULT_STORE_MAX_BYTES, DEFAULT_STORE_MAX_SHARE_OF_FREE);
  }
}
