package dev.shotclock.watchdog;

import dev.shotclock.history.NodeRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * In a cluster, the nodes' clocks must agree: each computes slots, rate windows and staleness
 * from its own. Each node measures its clock against the store's and records it; this check
 * reports DEGRADED when any live node is off by more than {@code max_clock_skew}, or two live
 * nodes are that far apart.
 */
public final class ClockSkewCheck implements Check {

  private final NodeRepository nodes;
  private final Clock clock;
  private final String nodeId;
  private final Duration maxSkew;
  private final Duration liveWithin;

  /** @param liveWithin nodes whose last watchdog beat is older than this are left out */
  public ClockSkewCheck(NodeRepository nodes, Clock clock, String nodeId, Duration maxSkew, Duration liveWithin) {
    this.nodes = nodes;
    this.clock = clock;
    this.nodeId = nodeId;
    this.maxSkew = maxSkew;
    this.liveWithin = liveWithin;
  }

  @Override
  public String name() {
    return "clock";
  }

  @Override
  public CheckResult runOnce() {
    List<NodeRepository.Node> live;
    try {
      nodes.recordSkew(nodeId, nodes.measureSkew(clock));
      Instant since = clock.instant().minus(liveWithin);
      live = nodes.all().stream().filter(n -> n.clustered() && n.clockSkewMs() != null
          && n.lastSeen().isAfter(since)).toList();
    } catch (RuntimeException e) {
      // The store check reports the outage; without the store there is nothing to compare.
      return CheckResult.up("not measured: " + e.getMessage());
    }
    return judge(live, maxSkew);
  }

  /** The verdict on the live nodes' measured skews. */
  static CheckResult judge(List<NodeRepository.Node> live, Duration maxSkew) {
    if (live.isEmpty()) {
      return CheckResult.up("no clock measured yet");
    }
    NodeRepository.Node worst = live.stream()
        .max(Comparator.comparingLong(n -> Math.abs(n.clockSkewMs()))).orElseThrow();
    long min = live.stream().mapToLong(NodeRepository.Node::clockSkewMs).min().orElse(0);
    long max = live.stream().mapToLong(NodeRepository.Node::clockSkewMs).max().orElse(0);
    long limit = maxSkew.toMillis();
    String all = live.stream().map(n -> n.nodeId() + " " + signed(n.clockSkewMs())).toList().toString();
    if (Math.abs(worst.clockSkewMs()) > limit || max - min > limit) {
      return CheckResult.degraded("clock skew above max_clock_skew " + limit + " ms: " + all
          + " (node minus store; spread " + (max - min) + " ms); fix time sync (NTP) on "
          + worst.nodeId());
    }
    return CheckResult.up("clocks agree within " + (max - min) + " ms: " + all);
  }

  private static String signed(long ms) {
    return (ms >= 0 ? "+" : "") + ms + " ms";
  }
}
