package dev.shotclock.queue;

/** A task cannot be requeued because its dedupe key already has another live task. */
public final class LiveTaskExistsException extends QueueException {

  private final long taskId;
  private final long liveTaskId;

  LiveTaskExistsException(long taskId, String dedupeKey, long liveTaskId) {
    super("task " + taskId + " cannot be requeued: its key '" + dedupeKey
        + "' already has live task " + liveTaskId);
    this.taskId = taskId;
    this.liveTaskId = liveTaskId;
  }

  public long taskId() {
    return taskId;
  }

  public long liveTaskId() {
    return liveTaskId;
  }
}
