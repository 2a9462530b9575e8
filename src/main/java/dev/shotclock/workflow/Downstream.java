package dev.shotclock.workflow;

import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.WorkflowDef;
import dev.shotclock.history.EventLog;
import dev.shotclock.history.RunRecord;
import dev.shotclock.history.RunRepository;
import dev.shotclock.history.RunState;
import dev.shotclock.history.TriggerKind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job-to-job triggers: when a run ends, the workflows that name its workflow in {@code
 * on_success_of} (and it succeeded) or {@code on_completion_of} start at once. Each start is keyed
 * by the upstream run ({@code upstream:after-WF-RUN}), so it happens once however often it is
 * asked for: by the end itself, and by {@link #runOnce()}, which catches up ends whose follow-up
 * was lost (the daemon died between the two).
 */
public final class Downstream implements RunEnd.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Downstream.class);
  /** How far back {@link #runOnce()} looks for upstream ends without their follow-up. */
  static final Duration LOOK_BACK = Duration.ofHours(6);

  private final LiveConfig config;
  private final Admission admission;
  private final Launcher launcher;
  private final RunRepository runs;
  private final EventLog events;
  private final Clock clock;

  public Downstream(LiveConfig config, Admission admission, Launcher launcher, RunRepository runs,
      EventLog events, Clock clock) {
    this.config = config;
    this.admission = admission;
    this.launcher = launcher;
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void runEnded(RunEnd end) {
    try {
      startAfter(end.workflow().id(), end.run().id(), end.state());
    } catch (RuntimeException e) {
      // runOnce() will find this end again and start what it should.
      LOG.warn("could not start the workflows after run {} of {}: {}", end.run().id(), end.workflow().id(),
          e.toString());
    }
  }

  /** Starts the follow-ups of ends within {@link #LOOK_BACK} that have none; returns how many. */
  public int runOnce() {
    int started = 0;
    for (WorkflowDef wf : config.get().workflows()) {
      if (wf.upstream().isEmpty()) {
        continue;
      }
      for (String upstream : upstreamsOf(wf)) {
        for (RunRecord r : runs.endedSince(upstream, clock.instant().minus(LOOK_BACK))) {
          if (wf.upstream().startsAfter(upstream, r.state().isSuccess())
              && !runs.hasSlot(wf.id(), TriggerKind.UPSTREAM.name().toLowerCase() + ":" + key(upstream, r.id()))) {
            started += start(wf, upstream, r.id(), r.state()) ? 1 : 0;
          }
        }
      }
    }
    return started;
  }

  private static java.util.Set<String> upstreamsOf(WorkflowDef wf) {
    java.util.Set<String> all = new java.util.TreeSet<>(wf.upstream().onSuccessOf());
    all.addAll(wf.upstream().onCompletionOf());
    return all;
  }

  private void startAfter(String upstream, long runId, RunState state) {
    if (RunState.NOT_RUN.contains(state)) {
      return;
    }
    for (WorkflowDef wf : config.get().downstreamOf(upstream)) {
      if (wf.upstream().startsAfter(upstream, state.isSuccess())) {
        start(wf, upstream, runId, state);
      }
    }
  }

  private boolean start(WorkflowDef wf, String upstream, long runId, RunState state) {
    String by = "upstream " + upstream + " run " + runId + " " + state;
    Admission.Decision d = admission.admitRequest(wf, TriggerKind.UPSTREAM, Map.of(), key(upstream, runId), by, null);
    switch (d.kind()) {
      case RUN_NOW, DELAYED -> launcher.launchNow(wf.id(), d.runId());
      case DUPLICATE -> {
        return false;
      }
      default -> { }
    }
    events.info("UPSTREAM", wf.id(), d.runId(), "after " + by + ": " + d.kind().name().toLowerCase()
        + (d.message() != null ? " (" + d.message() + ")" : ""));
    return true;
  }

  private static String key(String upstream, long runId) {
    return "after-" + upstream + "-" + runId;
  }
}
