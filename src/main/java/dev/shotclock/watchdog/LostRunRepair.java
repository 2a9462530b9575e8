package dev.shotclock.watchdog;

import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.StepRunRepository;
import dev.shotclock.workflow.ActiveRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run recorded RUNNING on this node that this node is not executing, and whose heartbeat has
 * stopped, lies: nothing will ever end it. It is marked INTERRUPTED (run {@code retry} re-runs it).
 */
public final class LostRunRepair implements Repair {

  private final RunRepository runs;
  private final StepRunRepository steps;
  private final ActiveRuns active;
  private final Clock clock;
  private final String nodeId;
  private final Duration staleAfter;

  public LostRunRepair(RunRepository runs, StepRunRepository steps, ActiveRuns active, Clock clock,
      String nodeId, Duration staleAfter) {
    this.runs = runs;
    this.steps = steps;
    this.active = active;
    this.clock = clock;
    this.nodeId = nodeId;
    this.staleAfter = staleAfter;
  }

  @Override
  public String name() {
    return "lost-runs";
  }

  @Override
  public List<String> runOnce() {
    Instant now = clock.instant();
    List<String> done = new ArrayList<>();
    for (RunRecord r : runs.running(nodeId)) {
      Instant beat = r.heartbeatAt() != null ? r.heartbeatAt() : r.startedAt();
      if (active.ids().contains(r.id()) || beat == null || Duration.between(beat, now).compareTo(staleAfter) < 0) {
        continue;
      }
      String why = "recorded RUNNING on " + nodeId + " but not executing there; no heartbeat for "
          + Duration.between(beat, now).toSeconds() + "s";
      if (runs.markInterrupted(r.id(), r.attempt(), why, now)) {
        steps.interruptRunning(r.id(), why, now);
        done.add("run " + r.id() + " (" + r.workflowId() + ") marked INTERRUPTED: " + why);
      }
    }
    return done;
  }
}
