package dev.shotclock.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The step tries running on this node now, with their output counters and the token that stops
 * just that try: what the watchdog looks at to find stalled steps.
 */
public final class RunningSteps {

  /** One running try. */
  public record Running(long stepRunId, long runId, String workflowId, String stepId,
      Instant startedAt, StepOutput output, CancelToken token) {

    /** When it last showed a sign of life: its last output, or its start. */
    public Instant lastSignOfLife() {
      Instant out = output.lastOutputAt();
      return out != null && out.isAfter(startedAt) ? out : startedAt;
    }
  }

  private final Map<Long, Running> running = new ConcurrentHashMap<>();

  void add(Running r) {
    running.put(r.stepRunId(), r);
  }

  void remove(long stepRunId) {
    running.remove(stepRunId);
  }

  public List<Running> all() {
    return List.copyOf(running.values());
  }
}
