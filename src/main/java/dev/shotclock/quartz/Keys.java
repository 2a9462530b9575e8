package dev.shotclock.quartz;

import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** Names of ShotClock's jobs and triggers in the Quartz store. */
final class Keys {

  static final String WORKFLOWS = "workflows";
  static final String CRON = "cron";
  static final String RUNS = "runs";
  static final String SYSTEM = "system";
  static final String RUN_ID = "runId";
  static final String TRIGGER_INDEX = "triggerIndex";

  private Keys() {}

  static JobKey workflow(String workflowId) {
    return JobKey.jobKey(workflowId, WORKFLOWS);
  }

  static TriggerKey cron(String workflowId, int index) {
    return TriggerKey.triggerKey(workflowId + "#" + index, CRON);
  }

  static TriggerKey run(long runId) {
    return TriggerKey.triggerKey("run-" + runId, RUNS);
  }

  static JobKey system(String task) {
    return JobKey.jobKey(task, SYSTEM);
  }
}
