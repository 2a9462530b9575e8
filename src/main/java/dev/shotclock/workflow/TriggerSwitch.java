package dev.shotclock.workflow;

/** Stops and restarts the firing of cron triggers in the scheduler engine. */
public interface TriggerSwitch {

  /** Pauses or resumes one workflow's cron triggers (launches of runs still fire). */
  void setPaused(String workflowId, boolean paused);

  /** Pauses or resumes every workflow's cron triggers, including ones added later. */
  void setAllPaused(boolean paused);
}
