package dev.shotclock.history;

import java.time.Instant;

/** One entry of the audit log ({@code sc_events}): what the daemon or an operator did, and why. */
public record Event(
    long id,
    Instant at,
    String kind,
    Severity severity,
    String nodeId,
    String workflowId,
    Long runId,
    String message) {

  /** How much an operator should care. */
  public enum Severity {
    INFO,
    WARN,
    ERROR
  }
}
