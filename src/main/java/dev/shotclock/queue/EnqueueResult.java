package dev.shotclock.queue;

/**
 * What an enqueue did with one {@link NewTask}.
 *
 * @param task the task the request now refers to: the new or existing live task, or for {@link
 *     Outcome#COOLDOWN} the task that succeeded within the cooldown
 */
public record EnqueueResult(Outcome outcome, Task task) {

  /** The four answers to an enqueue. */
  public enum Outcome {
    /** A new PENDING task. */
    CREATED,
    /** The key already had a live task, at the same or a higher priority. */
    EXISTING,
    /** The key already had a live task; its priority was raised to the requested one. */
    PRIORITY_RAISED,
    /** The key succeeded within the cooldown; nothing was queued. */
    COOLDOWN
  }

  public boolean created() {
    return outcome == Outcome.CREATED;
  }
}
