package dev.shotclock.workflow;

import dev.shotclock.db.DbException;
import dev.shotclock.db.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Named step locks held in the store ({@code sc_locks}), so that they exclude across every node
 * of a cluster. A lock belongs to a run attempt: a row whose run is no longer RUNNING in that
 * attempt (ended, or taken over after its node died) is stale and is taken over, so a dead node
 * never keeps a lock for longer than it takes the cluster to notice.
 */
final class StoreLocks {

  /** Who holds a lock: the step of a run attempt on a node. */
  record Owner(String nodeId, long runId, int attempt, String stepId) {}

  private final Jdbc jdbc;
  private final Clock clock;

  StoreLocks(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Takes the lock if it is free or stale; false when a live attempt holds it. */
  boolean tryTake(String name, Owner owner) {
    try {
      jdbc.update("INSERT INTO sc_locks (name, node_id, run_id, run_attempt, step_id, acquired_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", a -> a.string(name).string(owner.nodeId())
          .longValue(owner.runId()).intValue(owner.attempt()).string(owner.stepId()).instant(clock.instant()));
      return true;
    } catch (DbException.UniqueViolation held) {
      return takeStale(name, owner);
    }
  }

  private boolean takeStale(String name, Owner owner) {
    return jdbc.update("UPDATE sc_locks SET node_id = ?, run_id = ?, run_attempt = ?, step_id = ?,"
        + " acquired_at = ? WHERE name = ? AND NOT EXISTS (SELECT 1 FROM sc_runs r"
        + " WHERE r.id = sc_locks.run_id AND r.attempt = sc_locks.run_attempt AND r.state = 'RUNNING')",
        a -> a.string(owner.nodeId()).longValue(owner.runId()).intValue(owner.attempt())
            .string(owner.stepId()).instant(clock.instant()).string(name)) == 1;
  }

  /** Gives the lock back if this owner still holds it. */
  void release(String name, Owner owner) {
    jdbc.update("DELETE FROM sc_locks WHERE name = ? AND run_id = ? AND run_attempt = ? AND step_id = ?",
        a -> a.string(name).longValue(owner.runId()).intValue(owner.attempt()).string(owner.stepId()));
  }

  /** Locks held anywhere in the cluster, by name, with their holder. */
  List<String> held() {
    return new ArrayList<>(jdbc.query("SELECT name, node_id, run_id FROM sc_locks ORDER BY name",
        Jdbc.Binder.NONE, r -> r.string("name") + " (run " + r.longValue("run_id") + " on "
            + r.string("node_id") + ")"));
  }
}
