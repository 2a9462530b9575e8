package dev.shotclock.workflow;

import dev.shotclock.config.BlackoutWindow;
import dev.shotclock.config.LiveConfig;
import dev.shotclock.config.WorkflowDef;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Whether a workflow is inside a blackout window: its own, or the scheduler-wide ones. */
public final class Blackouts {

  private final LiveConfig config;

  public Blackouts(LiveConfig config) {
    this.config = config;
  }

  /** The window covering {@code at} for {@code wf}, described for a skip reason; empty when none. */
  public Optional<String> covering(WorkflowDef wf, Instant at) {
    return Stream.concat(config.get().daemon().scheduler().blackouts().stream(), wf.blackouts().stream())
        .filter(w -> w.covers(at)).findFirst().map(BlackoutWindow::describe);
  }
}
