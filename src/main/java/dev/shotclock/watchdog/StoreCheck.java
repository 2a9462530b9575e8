package dev.shotclock.watchdog;

import dev.shotclock.history.NodeRepository;
import java.time.Clock;
import java.time.Instant;

/** The store answers and takes a write: this node's heartbeat row. */
public final class StoreCheck implements Check {

  private final NodeRepository nodes;
  private final Clock clock;
  private final String nodeId;
  private final String instanceId;
  private final String version;
  private final Instant startedAt;

  public StoreCheck(NodeRepository nodes, Clock clock, String nodeId, String instanceId, String version) {
    this.nodes = nodes;
    this.clock = clock;
    this.nodeId = nodeId;
    this.instanceId = instanceId;
    this.version = version;
    this.startedAt = clock.instant();
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public CheckResult runOnce() {
    try {
      nodes.beat(nodeId, instanceId, version, startedAt, clock.instant());
      return CheckResult.up("reachable and writable");
    } catch (RuntimeException e) {
      return CheckResult.down("store unreachable or read-only: " + e.getMessage());
    }
  }
}
