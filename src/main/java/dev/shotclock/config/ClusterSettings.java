package dev.shotclock.config;

import java.time.Duration;

/**
 * Several nodes on one PostgreSQL store ({@code cluster:} in {@code conf/shotclock.yaml}).
 *
 * @param enabled Quartz clustering on: any node fires any trigger, and a dead node's runs are
 *     taken over by another; needs a PostgreSQL store
 * @param checkinInterval how often a node tells the cluster it is alive; a node silent for about
 *     {@code checkinInterval + 7.5 s} past its interval is presumed dead and its runs are re-run
 * @param maxClockSkew beyond this difference between a node's clock and the store's, the
 *     cluster is reported DEGRADED (slots and rate limits are computed from node clocks)
 */
public record ClusterSettings(boolean enabled, Duration checkinInterval, Duration maxClockSkew) {

  public static final ClusterSettings OFF =
      new ClusterSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(1));

  /**
   * How long after its last check-in a silent node is presumed dead: Quartz waits one interval
   * (at least) and then its fixed 7.5 s grace.
   */
  public Duration failureDetection() {
    return checkinInterval.plus(checkinInterval).plusMillis(7_500);
  }
}
