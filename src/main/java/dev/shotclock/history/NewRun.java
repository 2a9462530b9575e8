package dev.shotclock.history;

import java.time.Instant;
import java.util.Map;

/** What is known of a run when its row is created. */
public record NewRun(
    String workflowId,
    String slotKey,
    Instant scheduledAt,
    TriggerKind triggerKind,
    RunState state,
    String reason,
    boolean queued,
    Instant notBefore,
    Map<String, String> params,
    String correlationId,
    String requestedBy) {

  public NewRun {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /** The slot key of a scheduled fire: its instant, ISO-8601 UTC with milliseconds. */
  public static String slotKey(Instant scheduledFire) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        scheduledFire.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** A slot that was not run, with why. */
  public static NewRun notRun(String workflowId, Instant slot, TriggerKind kind, RunState state,
      String reason, String correlationId) {
    return new NewRun(workflowId, slotKey(slot), slot, kind, state, reason, false, null, Map.of(),
        correlationId, null);
  }
}
