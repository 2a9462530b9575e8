package dev.shotclock.notify;

import dev.shotclock.config.NotifyEvent;
import java.time.Instant;
import java.util.Map;

/**
 * Something an operator should hear about.
 *
 * @param subject what the alert is about beyond the workflow (a step, a component); part of the
 *     throttling key
 * @param fields extra facts for structured receivers (duration, state, command to look further)
 */
public record Alert(NotifyEvent event, String workflowId, Long runId, String subject, String title,
    String text, Map<String, String> fields, Instant at) {

  public Alert {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** Identical alerts share this key: event, workflow and subject (not the run). */
  String throttleKey() {
    return event + "|" + workflowId + "|" + subject;
  }
}
