package dev.shotclock.history;

import dev.shotclock.db.Dialect;
import dev.shotclock.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code sc_nodes}: each node's last sign of life and clock, written by its watchdog. */
public final class NodeRepository {

  /**
   * A node as the store last saw it.
   *
   * @param clockSkewMs the node's clock minus the store's at its last measurement (null: never
   *     measured, a single node)
   */
  public record Node(String nodeId, String instanceId, String version, Instant startedAt,
      Instant lastSeen, Long clockSkewMs, boolean clustered) {}

  private final Jdbc jdbc;

  public NodeRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records that this node is alive now; this write is also the store's writability check. */
  public void beat(String nodeId, String instanceId, String version, Instant startedAt, Instant now) {
    jdbc.inTransaction(tx -> {
      int n = tx.update("UPDATE sc_nodes SET instance_id = ?, version = ?, started_at = ?, last_seen = ?"
              + " WHERE node_id = ?",
          a -> a.string(instanceId).string(version).instant(startedAt).instant(now).string(nodeId));
      if (n == 0) {
        tx.update("INSERT INTO sc_nodes (node_id, instance_id, version, started_at, last_seen)"
                + " VALUES (?, ?, ?, ?, ?)",
            a -> a.string(nodeId).string(instanceId).string(version)
                .instant(startedAt).instant(now));
      }
      return null;
    });
  }

  /**
   * This node's clock minus the store's, from one round trip: the store's time is compared with
   * the middle of the local interval around the query, so the network delay cancels out.
   */
  public Duration measureSkew(Clock clock) {
    String sql = jdbc.dialect() == Dialect.POSTGRES ? "SELECT clock_timestamp() AS now"
        : "SELECT CURRENT_TIMESTAMP AS now";
    Instant before = clock.instant();
    Instant store = jdbc.queryOne(sql, Jdbc.Binder.NONE, r -> r.instant("now")).orElseThrow();
    Instant after = clock.instant();
    Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
    return Duration.between(store, middle);
  }

  /** Records a cluster node's measured skew. */
  public void recordSkew(String nodeId, Duration skew) {
    jdbc.update("UPDATE sc_nodes SET clock_skew_ms = ?, clustered = TRUE WHERE node_id = ?",
        a -> a.longValue(skew.toMillis()).string(nodeId));
  }

  public List<Node> all() {
    return jdbc.query("SELECT node_id, instance_id, version, started_at, last_seen, clock_skew_ms,"
        + " clustered FROM sc_nodes ORDER BY node_id", Jdbc.Binder.NONE, r -> new Node(r.string("node_id"),
        r.string("instance_id"), r.string("version"), r.instant("started_at"), r.instant("last_seen"),
        r.nullableLong("clock_skew_ms"), r.bool("clustered")));
  }
}
