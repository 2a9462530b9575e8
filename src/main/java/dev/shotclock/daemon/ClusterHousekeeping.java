package dev.shotclock.daemon;

import dev.shotclock.db.Jdbc;
import dev.shotclock.dispatch.TaskRecovery;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.NodeRepository;
import dev.shotclock.quartz.QuartzEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cluster node does on every maintenance pass for nodes that left: their periodic tasks
 * are pruned from the shared store, and the queue tasks they left RUNNING are settled. Their runs
 * need nothing here: Quartz on a surviving node re-fires them (every workflow job requests
 * recovery) and the run is taken over as a new attempt.
 */
final class ClusterHousekeeping implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterHousekeeping.class);

  private final QuartzEngine quartz;
  private final Jdbc jdbc;
  private final NodeRepository nodes;
  private final TaskRecovery tasks;
  private final EventLog events;
  private final Clock clock;
  private final String nodeId;
  private final Duration failureDetection;

  ClusterHousekeeping(QuartzEngine quartz, Jdbc jdbc, TaskRecovery tasks, EventLog events, Clock clock,
      String nodeId, Duration failureDetection) {
    this.quartz = quartz;
    this.jdbc = jdbc;
    this.nodes = new NodeRepository(jdbc);
    this.tasks = tasks;
    this.events = events;
    this.clock = clock;
    this.nodeId = nodeId;
    this.failureDetection = failureDetection;
  }

  @Override
  public void run() {
    runOnce();
  }

  /** Returns the nodes whose leftovers were settled in this pass. */
  List<String> runOnce() {
    Instant now = clock.instant();
    List<String> pruned = quartz.pruneSystemTasks(jdbc, now);
    if (!pruned.isEmpty()) {
      LOG.info("removed the periodic tasks of departed node(s): {}", pruned);
    }
    Map<String, Instant> checkIns = quartz.clusterCheckIns(jdbc);
    List<String> dead = nodes.all().stream()
        .filter(n -> !n.nodeId().equals(nodeId) && !checkIns.containsKey(n.nodeId())
            && n.lastSeen().isBefore(now.minus(failureDetection)))
        .map(NodeRepository.Node::nodeId).toList();
    for (String node : dead) {
      int released = tasks.recover(node);
      if (released > 0) {
        events.warn("TASKS_RELEASED", null, null, released + " task(s) left RUNNING by node " + node
            + ", which left the cluster, were released for a retry");
      }
    }
    return dead;
  }
}
