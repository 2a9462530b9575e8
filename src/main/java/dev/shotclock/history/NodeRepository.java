package dev.shotclock.history;

import dev.shotclock.db.Jdbc;
import java.time.Instant;
import java.util.List;

/** {@code sc_nodes}: each node's last sign of life, written by its watchdog. */
public final class NodeRepository {

  /** A node as the store last saw it. */
  public record Node(String nodeId, String instanceId, String version, Instant startedAt, Instant lastSeen) {}

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
            a -> a.string(nodeId).string(instanceId).string(version).instant(startedAt).instant(now));
      }
      return null;
    });
  }

  public List<Node> all() {
    return jdbc.query("SELECT node_id, instance_id, version, started_at, last_seen FROM sc_nodes"
        + " ORDER BY node_id", Jdbc.Binder.NONE, r -> new Node(r.string("node_id"),
        r.string("instance_id"), r.string("version"), r.instant("started_at"), r.instant("last_seen")));
  }
}
