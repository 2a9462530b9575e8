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
 */
public record WatchdogSettings(Duration interval, Duration stallTimeout, long minFreeBytes,
    int downAfter, int upAfter, List<Path> dataPaths, Duration criticalPendingMax) {

  public static final WatchdogSettings DEFAULT = new WatchdogSettings(Duration.ofSeconds(15),
      Duration.ofMinutes(10), 1L << 30, 2, 2, List.of(), Duration.ofMinutes(30));

  public WatchdogSettings {
    dataPaths = List.copyOf(dataPaths);
  }
}
