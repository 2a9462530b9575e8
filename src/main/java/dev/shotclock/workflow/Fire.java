package dev.shotclock.workflow;

import java.time.Instant;

/**
 * The scheduler engine started a workflow job.
 *
 * @param triggerIndex index of the cron trigger in the workflow's {@code triggers}, -1 for a
 *     launch of an existing run
 * @param scheduledAt the slot: when the trigger was due (not when it actually fired)
 * @param runId the run to execute for a launch, null for a cron fire
 * @param recovering the daemon that was executing this fire died; this is the re-execution
 */
public record Fire(
    String workflowId, int triggerIndex, Instant scheduledAt, Long runId, boolean recovering) {

  public static Fire cron(String workflowId, int triggerIndex, Instant scheduledAt, boolean recovering) {
    return new Fire(workflowId, triggerIndex, scheduledAt, null, recovering);
  }

  public static Fire launch(String workflowId, long runId, Instant scheduledAt, boolean recovering) {
    return new Fire(workflowId, -1, scheduledAt, runId, recovering);
  }
}
