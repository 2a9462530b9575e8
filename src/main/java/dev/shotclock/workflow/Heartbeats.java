package dev.shotclock.workflow;

import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRepository;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats of the runs executing on this node, each for its attempt. A run whose attempt no
 * longer owns it was taken over by another node while this one was paused or cut off: it is
 * stopped here (its processes terminated), and its outcome will be discarded as stale.
 */
public final class Heartbeats {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

  private final ActiveRuns active;
  private final RunRepository runs;
  private final EventLog events;
  private final Clock clock;

  Heartbeats(ActiveRuns active, RunRepository runs, EventLog events, Clock clock) {
    this.active = active;
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  /** Returns the runs stopped because they were taken over. */
  public Set<Long> runOnce() {
    Set<Long> lost = runs.heartbeat(active.attempts(), clock.instant());
    for (long runId : lost) {
      String why = "attempt on this node no longer owns the run (taken over by another node while"
          + " this one was unresponsive, or ended); stopping it here";
      if (active.cancel(runId, "INTERRUPTED", why)) {
        LOG.warn("run {}: {}", runId, why);
        events.warn("RUN_FENCED", null, runId, why);
      }
    }
    return lost;
  }
}
